import { useMemo, useState } from 'react';
import type { Point } from '../editor/camera.ts';
import type { Editor } from '../editor/editor.ts';
import { mathjsFromLatex } from '../math/recognition.ts';
import type { EquationActions } from './EquationCard.tsx';

/**
 * What a card can do (edit, delete, be dragged by its header) and the live offset of the
 * card being dragged (committed as one move on release).
 */
export function useCardActions(editor: Editor): {
  actions: EquationActions;
  moving: { id: string; offset: Point } | null;
} {
  const [moving, setMoving] = useState<{ id: string; offset: Point } | null>(null);
  const actions: EquationActions = useMemo(
    () => ({
      edit: (id, latex, confidence, mathjs) =>
        void (async () =>
          editor.editEquation(
            id,
            latex,
            mathjs ?? (await mathjsFromLatex(latex)),
            confidence ?? 1,
          ))(),
      remove: (id) => editor.deleteEquation(id),
      resized: (id, size) => editor.reportCardSize(id, size),
      graph: (id) => void editor.addGraph(id),
      startMove: (id, e) => {
        if ((e.target as HTMLElement).closest('button')) return;
        const start = { x: e.clientX, y: e.clientY };
        const z = editor.getState().camera.z;
        const target = e.currentTarget as HTMLElement;
        target.setPointerCapture(e.pointerId);
        const offsetOf = (ev: PointerEvent) => ({
          x: (ev.clientX - start.x) / z,
          y: (ev.clientY - start.y) / z,
        });
        const move = (ev: PointerEvent) => setMoving({ id, offset: offsetOf(ev) });
        const up = (ev: PointerEvent) => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
          const o = offsetOf(ev);
          const eq = editor.board.equations.find((q) => q.id === id);
          if (eq && (o.x !== 0 || o.y !== 0)) editor.moveEquation(id, eq.x + o.x, eq.y + o.y);
          setMoving(null);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      },
    }),
    [editor],
  );
  return { actions, moving };
}
