import { useCallback, useEffect, useRef } from 'react';
import type { User } from '../api/client.ts';
import type { Peer } from '../collab/presence.ts';
import type { Point } from '../editor/camera.ts';
import type { Editor } from '../editor/editor.ts';
import type { Insets } from '../editor/layout.ts';
import type { MathDraftStore } from '../editor/math-draft.ts';
import type { SchoolSymbols } from '../math/school-symbols.ts';
import { Canvas } from './Canvas.tsx';
import { DraftCard } from './DraftCard.tsx';
import { EquationCard } from './EquationCard.tsx';
import { GraphCard } from './GraphCard.tsx';
import { useCardActions } from './useCardMoves.ts';
import { useStoreSelector } from './useStore.ts';

/** The chrome floating over the canvas, measured so the editor keeps content clear of it. */
const CHROME_ABOVE = '.board-screen .topbar';
const CHROME_BELOW = '.board-screen .toolbar';

function measureInsets(host: DOMRect): Insets {
  const above = [...document.querySelectorAll(CHROME_ABOVE)].map((el) =>
    el.getBoundingClientRect(),
  );
  const below = document.querySelector(CHROME_BELOW)?.getBoundingClientRect();
  return {
    top: Math.max(0, ...above.map((r) => r.bottom - host.top)),
    right: 0,
    bottom: below ? Math.max(0, host.bottom - below.top) : 0,
    left: 0,
  };
}

/** The canvas with the equation cards and the math draft on it. */
export function BoardCanvas({
  editor,
  draft,
  schoolSymbols,
  user,
  peers,
  spaceHeld,
  onCursor,
  onUserPan,
}: {
  editor: Editor;
  draft: MathDraftStore;
  schoolSymbols: SchoolSymbols;
  user: User;
  peers: readonly Peer[];
  spaceHeld: boolean;
  onCursor: (p: Point | null) => void;
  onUserPan: () => void;
}) {
  useStoreSelector(editor, (s) => s.revision);
  const readOnly = useStoreSelector(editor, (s) => s.readOnly);
  const tool = useStoreSelector(editor, (s) => s.tool);
  const zoom = useStoreSelector(editor, (s) => s.camera.z);
  const { actions, moving } = useCardActions(editor);
  const size = useRef({ width: 0, height: 0 });
  const hostRect = useRef<DOMRect | null>(null);
  const measure = useCallback(() => {
    const host = document.querySelector('.board-screen .canvas-host')?.getBoundingClientRect();
    if (!host) return;
    hostRect.current = host;
    editor.setViewport({ ...size.current, insets: measureInsets(host) });
  }, [editor]);
  const onSize = useCallback(
    (width: number, height: number) => {
      size.current = { width, height };
      measure();
    },
    [measure],
  );
  useEffect(() => {
    // The toolbar wraps on a narrow screen without the canvas changing size.
    const observer = new ResizeObserver(measure);
    for (const el of document.querySelectorAll(`${CHROME_ABOVE}, ${CHROME_BELOW}`))
      observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);
  return (
    <Canvas
      editor={editor}
      peers={peers}
      spaceHeld={spaceHeld}
      onCursor={onCursor}
      onSize={onSize}
      onUserPan={onUserPan}
    >
      {editor.board.equations.map((eq) => (
        <EquationCard
          key={eq.id}
          equation={eq}
          readOnly={readOnly}
          tool={tool}
          mine={eq.author === user.id}
          actions={actions}
          offset={moving?.id === eq.id ? moving.offset : null}
        />
      ))}
      {editor.graphs.map((graph) => (
        <GraphCard
          key={graph.id}
          graph={graph}
          equations={editor.board.equations}
          tool={tool}
          readOnly={readOnly}
          store={editor.graphStore}
          zoom={zoom}
        />
      ))}
      <DraftCard editor={editor} store={draft} schoolSymbols={schoolSymbols} />
    </Canvas>
  );
}
