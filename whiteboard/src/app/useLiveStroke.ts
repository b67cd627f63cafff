import { useEffect } from 'react';
import type { BoardConnection } from '../collab/connection.ts';
import type { Editor } from '../editor/editor.ts';

/** Publishes the stroke being drawn to peers as it grows (presence), and clears it on lift. */
export function useLiveStroke(editor: Editor, connection: BoardConnection): void {
  useEffect(() => {
    let last = editor.getState().draft;
    return editor.subscribe(() => {
      const draft = editor.getState().draft;
      if (draft === last) return;
      last = draft;
      connection.setDrawing(editor.liveStroke());
    });
  }, [editor, connection]);
}
