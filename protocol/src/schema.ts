/**
 * The board document: the one contract every MotionMath part reads and writes.
 *
 * Layout of a board's `Y.Doc` (each top-level type is a `Y.Map` keyed by id):
 *
 *   meta       title, schemaVersion, createdAt, createdBy
 *   strokes    id → Y.Map  { id, points (flat [x, y, pressure, t] × n), color, width,
 *                            author, layer, createdAt }
 *   equations  id → Y.Map  { id, source, latex, mathjs, confidence, alternatives,
 *                            strokeIds, author, x, y, createdAt, updatedAt,
 *                            attempt: Y.Map { status, steps (Y.Array), answer, error,
 *                                             solverId, solvedInput } }
 *   notes      id → Y.Map  { id, text (Y.Text), x, y, color, author, layer,
 *                            createdAt, updatedAt }
 *
 * Any client can write anything into a Yjs document, so nothing here is trusted:
 * every reader goes through the validators in `validate.ts`.
 */

/** Bumped on every incompatible change of the layout above; see `migrate.ts`. */
export const BOARD_SCHEMA_VERSION = 1;

export const ROOT_META = 'meta';
export const ROOT_STROKES = 'strokes';
export const ROOT_EQUATIONS = 'equations';
export const ROOT_NOTES = 'notes';

/**
 * Size limits. They bound what one hostile or buggy client can make every other
 * participant download, parse and render; real use stays far below them.
 */
export const LIMITS = {
  /** Ids are generated (UUIDs); 64 leaves room for other schemes without allowing blobs. */
  idLength: 64,
  /** A board title is a label, not a document. */
  titleLength: 200,
  /** User ids and display names from the server; 128 covers both. */
  authorLength: 128,
  /** A stroke drawn at 120 Hz for over a minute; longer strokes are split by clients. */
  strokePoints: 10_000,
  /** Stroke width in board units: thinner is invisible, wider is a fill, not a pen. */
  strokeWidthMin: 0.1,
  strokeWidthMax: 200,
  /** Long enough for a system of equations typed as LaTeX. */
  latexLength: 4_000,
  /** The recognizer's n-best list is short; more alternatives are noise. */
  alternatives: 10,
  /** Strokes an equation was recognized from. */
  strokeIdsPerEquation: 2_000,
  /** Steps of one solution: real derivations stay under 100. */
  steps: 500,
  /** One plain-language explanation per step. */
  explanationLength: 2_000,
  /** A short rule name like `distributive-property`. */
  ruleLength: 64,
  /** Solver and error messages. */
  messageLength: 2_000,
  /** A sticky note, not a book. */
  noteLength: 20_000,
  /** Board coordinates: far beyond any canvas, finite so maths on them never overflows. */
  coordinateAbs: 1e9,
  /** Layer keys are fractional indices; they grow by about one char per insertion between neighbours. */
  layerKeyLength: 256,
} as const;

export const EQUATION_SOURCES = ['extension', 'whiteboard', 'typed'] as const;
export type EquationSource = (typeof EQUATION_SOURCES)[number];

export const EQUATION_STATUSES = ['pending', 'solving', 'solved', 'unsupported', 'error'] as const;
export type EquationStatus = (typeof EQUATION_STATUSES)[number];

/** Where a step came from: the verified engine, or a model whose step was then verified. */
export const STEP_ORIGINS = ['engine', 'model'] as const;
export type StepOrigin = (typeof STEP_ORIGINS)[number];

export interface BoardMeta {
  readonly title: string;
  readonly schemaVersion: number;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly createdBy: string;
}

export interface StrokePoint {
  readonly x: number;
  readonly y: number;
  /** 0..1; 0.5 when the input device has none. */
  readonly pressure: number;
  /** Milliseconds since the stroke began. */
  readonly t: number;
}

export interface Stroke {
  readonly id: string;
  readonly points: readonly StrokePoint[];
  /** `#rrggbb` or `#rrggbbaa`. */
  readonly color: string;
  readonly width: number;
  readonly author: string;
  /** Fractional index: strokes paint in ascending `layer`, ties broken by `id`. */
  readonly layer: string;
  readonly createdAt: number;
}

export interface Alternative {
  readonly latex: string;
  readonly mathjs: string;
  readonly confidence: number;
}

export interface SolutionStep {
  readonly latex: string;
  readonly explanation: string;
  readonly rule: string;
  readonly origin: StepOrigin;
}

export interface Answer {
  readonly latex: string;
  readonly mathjs: string;
}

export interface Equation {
  readonly id: string;
  readonly source: EquationSource;
  readonly latex: string;
  readonly mathjs: string;
  /** Recognition confidence 0..1 (1 for typed input). */
  readonly confidence: number;
  readonly alternatives: readonly Alternative[];
  readonly strokeIds: readonly string[];
  readonly author: string;
  /** Where the card sits on the board. */
  readonly x: number;
  readonly y: number;
  /** As stored; use `effectiveStatus()` to know whether the stored solution is current. */
  readonly status: EquationStatus;
  readonly steps: readonly SolutionStep[];
  readonly answer: Answer | null;
  readonly error: string | null;
  readonly solverId: string | null;
  /** The LaTeX the solver worked on; a solution whose input differs from `latex` is stale. */
  readonly solvedInput: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Note {
  readonly id: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly color: string;
  readonly author: string;
  readonly layer: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}
