import * as Y from 'yjs';
import { boardRoots } from '@motionmath/protocol';

/**
 * Typing pauses shorter than this merge into one undo step (Yjs' default is 500 ms; ink
 * strokes are separate gestures, so keep it short enough that each stroke is its own step).
 */
export const UNDO_CAPTURE_MS = 300;

/**
 * Undo scoped to one user: only transactions tagged with `origin` are tracked, so undo
 * never reverts what collaborators (or the solver) wrote.
 */
export function createUndoManager(doc: Y.Doc, origin: object): Y.UndoManager {
  const { strokes, equations, notes } = boardRoots(doc);
  return new Y.UndoManager([strokes, equations, notes], {
    trackedOrigins: new Set([origin]),
    captureTimeout: UNDO_CAPTURE_MS,
  });
}
