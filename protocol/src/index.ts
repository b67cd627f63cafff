export {
  boardRoots,
  createBoardDoc,
  initBoard,
  readBoard,
  readMeta,
  renameBoard,
} from './board.ts';
export type { BoardRoots, BoardSnapshot, NewBoard } from './board.ts';
export type { ReadResult } from './collection.ts';
export {
  addEquation,
  appendStep,
  deleteEquation,
  editEquation,
  effectiveStatus,
  failEquation,
  finishEquation,
  listEquations,
  moveEquation,
  readEquation,
  startSolving,
} from './equations.ts';
export type { EquationEdit, Failure, NewEquation, Solution, SolveClaim } from './equations.ts';
export { BoardValidationError, BoardVersionError, EquationStateError } from './errors.ts';
export { migrateBoard, schemaVersionOf } from './migrate.ts';
export type { MigrationContext, MigrationResult } from './migrate.ts';
export {
  addNote,
  deleteNote,
  deleteNoteText,
  insertNoteText,
  listNotes,
  moveNote,
  noteText,
  readNote,
} from './notes.ts';
export type { NewNote } from './notes.ts';
export {
  BOARD_SCHEMA_VERSION,
  EQUATION_SOURCES,
  EQUATION_STATUSES,
  LIMITS,
  ROOT_EQUATIONS,
  ROOT_META,
  ROOT_NOTES,
  ROOT_STROKES,
  STEP_ORIGINS,
} from './schema.ts';
export type {
  Alternative,
  Answer,
  BoardMeta,
  Equation,
  EquationSource,
  EquationStatus,
  Note,
  SolutionStep,
  StepOrigin,
  Stroke,
  StrokePoint,
} from './schema.ts';
export {
  addStroke,
  deleteStrokes,
  listStrokes,
  moveStrokes,
  readStroke,
  restackStrokes,
} from './strokes.ts';
export type { NewStroke } from './strokes.ts';
