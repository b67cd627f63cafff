// The whiteboard's one way in: the editor core (network-free), the collab layer, the
// HTTP client and `mountWhiteboard` for the whole app.
export {
  DEFAULT_CAMERA,
  MAX_ZOOM,
  MIN_ZOOM,
  boardToScreen,
  fitBox,
  followCamera,
  panBy,
  screenToBoard,
  visibleBox,
  zoomAt,
} from './editor/camera.ts';
export type { Box, Camera, Point } from './editor/camera.ts';
export { Editor, PALETTE, TOOLS, WIDTHS } from './editor/editor.ts';
export type { EditorOptions, EditorState, PointerSample, Tool } from './editor/editor.ts';
export {
  boxOfPoints,
  distanceToPolyline,
  hitStroke,
  strokesInBox,
  strokesTouchedBySegment,
  topStrokeAt,
} from './editor/geometry.ts';
export { inkOutline, inkPath } from './editor/ink.ts';
export { InkRenderer } from './editor/render.ts';
export { createUndoManager } from './editor/undo.ts';
export { boardToSvg, contentBox, equationsToLatex, equationsToMarkdown } from './editor/export.ts';
export { BoardConnection } from './collab/connection.ts';
export type {
  BoardConnectionOptions,
  ConnectionState,
  ConnectionStatus,
} from './collab/connection.ts';
export { colorFor, parsePeer, peersFrom } from './collab/presence.ts';
export type { LiveStroke, Peer, PresenceState, PresenceUser } from './collab/presence.ts';
export { ApiClient, ApiError } from './api/client.ts';
export type { BoardInfo, BoardRole, ShareLink, User } from './api/client.ts';
export { Recognizer, mathjsFromLatex } from './math/recognition.ts';
export type { RecognitionResult } from './math/recognition.ts';
export { ACTIONS, action, actionForKey, matchesKey } from './editor/actions.ts';
export type { Action, ActionContext, ActionUi } from './editor/actions.ts';
export { MathDraftStore } from './editor/math-draft.ts';
export type { MathDraftState } from './editor/math-draft.ts';
export { mountWhiteboard } from './mount.tsx';
export type { MountOptions } from './mount.tsx';
