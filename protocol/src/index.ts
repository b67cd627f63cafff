export {
  AccountDeletedSchema,
  AccountExportSchema,
  API_TOKEN_SCOPES,
  ApiTokenListSchema,
  ApiTokenSchema,
  ApiTokenScopeSchema,
  BOARD_ROLES,
  BoardListSchema,
  BoardNameBodySchema,
  BoardResultSchema,
  BoardRoleSchema,
  BoardRowResultSchema,
  BoardSchema,
  CreatedApiTokenSchema,
  CreatedShareLinkSchema,
  CreateShareLinkBodySchema,
  CreateTokenBodySchema,
  EXTENSION_ORIGIN_PATTERN,
  DEFAULT_API_TOKEN_DAYS,
  DEFAULT_PAGE,
  DEFAULT_SHARE_LINK_HOURS,
  DeleteAccountBodySchema,
  EquationHitSchema,
  EquationListSchema,
  ErrorSchema,
  GrantableRoleSchema,
  HealthSchema,
  MAX_API_TOKEN_DAYS,
  MAX_BOARD_NAME_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_PAGE,
  MAX_PASSWORD_LENGTH,
  MAX_SEARCH_LENGTH,
  MAX_SHARE_LINK_HOURS,
  MaybeUserResultSchema,
  MemberListSchema,
  MemberResultSchema,
  MemberSchema,
  MIN_PASSWORD_LENGTH,
  PageQuerySchema,
  ProvidersSchema,
  ReadinessSchema,
  SamplesSavedSchema,
  SearchQuerySchema,
  SessionResultSchema,
  SetMemberBodySchema,
  ShareAcceptedSchema,
  ShareLinkListSchema,
  ShareLinkSchema,
  SignedOutSchema,
  SignInBodySchema,
  SignUpBodySchema,
  TotpCodeBodySchema,
  TotpEnableBodySchema,
  TotpSetupSchema,
  TotpVerifiedSchema,
  TwoFactorStateSchema,
  UserResultSchema,
  UserSchema,
} from './api/schemas.ts';
export type {
  ApiBoard,
  ApiBoardRole,
  ApiErrorBody,
  ApiGrantableRole,
  ApiShareLink,
  ApiTokenScope,
  ApiUser,
  CreatedShareLink,
} from './api/schemas.ts';
export { describeIssue, describeZodError, issuePath } from './api/issues.ts';
export { ApiError, apiResult } from './api/result.ts';
export type { ApiSuccess } from './api/result.ts';
export {
  emptySamplesFile,
  MAX_POINTS_PER_SAMPLE_STROKE,
  MAX_SAMPLE_LABEL_LENGTH,
  MAX_SAMPLES_BYTES,
  MAX_SAMPLES_PER_LABEL,
  MAX_STROKES_PER_SAMPLE,
  PersonalSampleSchema,
  PersonalSamplesFileSchema,
  SAMPLES_CLIENT_BUDGET_BYTES,
  SAMPLES_FORMAT,
} from './samples.ts';
export type { PersonalSample, PersonalSamplesFile } from './samples.ts';
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
export {
  CARD_GAP,
  CARD_MAX_WIDTH,
  CARD_MIN_WIDTH,
  cardRects,
  estimateCardSize,
  nextFreeSpot,
  pushApart,
  strokeRect,
  VIEW_MARGIN,
} from './placement.ts';
export type {
  CardMove,
  CardSizes,
  PlacementBoard,
  Point,
  Rect,
  Size,
  SpotOptions,
} from './placement.ts';
export {
  addGraph,
  deleteGraph,
  GRAPH_MAX_FUNCTIONS,
  GRAPH_SPAN_MAX,
  GRAPH_SPAN_MIN,
  graphRoot,
  moveGraph,
  readGraphs,
  setGraphEquations,
  setGraphView,
} from './graphs.ts';
export type { Graph, GraphView } from './graphs.ts';
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
export { hasControlCharacters } from './validate.ts';
