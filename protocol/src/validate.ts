import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { BoardValidationError } from './errors.ts';
import { EQUATION_SOURCES, EQUATION_STATUSES, LIMITS, STEP_ORIGINS } from './schema.ts';
import type {
  Alternative,
  Answer,
  BoardMeta,
  Equation,
  Note,
  SolutionStep,
  Stroke,
  StrokePoint,
} from './schema.ts';

/*
 * Validators: each takes an untrusted value and a path, and returns the typed value or
 * throws `BoardValidationError`. Readers and writers share them, so what one client
 * can write through the API is exactly what every other client accepts.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
/** Values per stored point: x, y, pressure, t. */
export const POINT_STRIDE = 4;

function fail(path: string, reason: string): never {
  throw new BoardValidationError(path, reason);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Y.AbstractType) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value).slice(0, 40)}`;
}

/** C0 controls except tab, line feed and carriage return, DEL, and C1 controls: never
 * part of a title, a name or LaTeX, and U+0000 breaks PostgreSQL text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** True when `text` holds a control character (see CONTROL_CHARACTERS). */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

export function checkString(
  value: unknown,
  path: string,
  maxLength: number,
  minLength = 0,
): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
  if (value.length < minLength) fail(path, `must not be empty`);
  if (value.length > maxLength) fail(path, `longer than ${maxLength} characters`);
  return value;
}

export function checkNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(path, `expected a finite number, got ${describe(value)}`);
  }
  if (value < min || value > max) fail(path, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function checkId(value: unknown, path: string): string {
  const id = checkString(value, path, LIMITS.idLength, 1);
  if (!ID_PATTERN.test(id)) fail(path, 'ids use only letters, digits, "_" and "-"');
  return id;
}

export function checkTimestamp(value: unknown, path: string): number {
  return checkNumber(value, path, 0, Number.MAX_SAFE_INTEGER);
}

export function checkCoordinate(value: unknown, path: string): number {
  return checkNumber(value, path, -LIMITS.coordinateAbs, LIMITS.coordinateAbs);
}

export function checkColor(value: unknown, path: string): string {
  const color = checkString(value, path, 64, 1);
  if (!COLOR_PATTERN.test(color)) fail(path, 'expected a colour like #1e90ff or #1e90ff80');
  return color;
}

export function checkAuthor(value: unknown, path: string): string {
  return checkString(value, path, LIMITS.authorLength, 1);
}

export function checkOneOf<T extends string>(
  value: unknown,
  path: string,
  options: readonly T[],
): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(path, `expected one of ${options.join('|')}, got ${describe(value)}`);
  }
  return value as T;
}

export function checkLayerKey(value: unknown, path: string): string {
  const key = checkString(value, path, LIMITS.layerKeyLength, 1);
  try {
    // The library rejects malformed keys when asked for a neighbour: the cheapest full check.
    generateKeyBetween(key, null);
  } catch {
    fail(path, 'not a valid fractional index');
  }
  return key;
}

function checkArray(value: unknown, path: string, maxLength: number): readonly unknown[] {
  if (!Array.isArray(value)) fail(path, `expected an array, got ${describe(value)}`);
  if (value.length > maxLength) fail(path, `more than ${maxLength} entries`);
  return value;
}

function checkRecord(value: unknown, path: string): Record<string, unknown> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Y.AbstractType
  ) {
    fail(path, `expected a plain object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function checkYMap(value: unknown, path: string): Y.Map<unknown> {
  if (!(value instanceof Y.Map)) fail(path, `expected a Y.Map, got ${describe(value)}`);
  return value;
}

/** Flat `[x, y, pressure, t, …]`: compact on the wire and cheap to validate. */
export function checkPoints(value: unknown, path: string): StrokePoint[] {
  const flat = checkArray(value, path, LIMITS.strokePoints * POINT_STRIDE);
  if (flat.length === 0 || flat.length % POINT_STRIDE !== 0) {
    fail(path, `expected a non-empty flat list of [x, y, pressure, t] quadruples`);
  }
  const points: StrokePoint[] = [];
  let previousT = 0;
  for (let i = 0; i < flat.length; i += POINT_STRIDE) {
    const at = `${path}[${i / POINT_STRIDE}]`;
    const x = checkCoordinate(flat[i], `${at}.x`);
    const y = checkCoordinate(flat[i + 1], `${at}.y`);
    const pressure = checkNumber(flat[i + 2], `${at}.pressure`, 0, 1);
    const t = checkTimestamp(flat[i + 3], `${at}.t`);
    if (t < previousT) fail(`${at}.t`, 'point times must not go backwards');
    previousT = t;
    points.push({ x, y, pressure, t });
  }
  return points;
}

export function flattenPoints(points: readonly StrokePoint[]): number[] {
  const flat: number[] = [];
  for (const p of points) flat.push(p.x, p.y, p.pressure, p.t);
  return flat;
}

export function parseMeta(meta: Y.Map<unknown>, path = 'meta'): BoardMeta {
  return {
    title: checkString(meta.get('title'), `${path}.title`, LIMITS.titleLength),
    schemaVersion: checkNumber(meta.get('schemaVersion'), `${path}.schemaVersion`, 0, 1_000_000),
    createdAt: checkTimestamp(meta.get('createdAt'), `${path}.createdAt`),
    createdBy: checkAuthor(meta.get('createdBy'), `${path}.createdBy`),
  };
}

export function parseStroke(key: string, value: unknown, path: string): Stroke {
  const map = checkYMap(value, path);
  const id = checkId(map.get('id'), `${path}.id`);
  if (id !== key) fail(`${path}.id`, `does not match its key ${key}`);
  return {
    id,
    points: checkPoints(map.get('points'), `${path}.points`),
    color: checkColor(map.get('color'), `${path}.color`),
    width: checkNumber(
      map.get('width'),
      `${path}.width`,
      LIMITS.strokeWidthMin,
      LIMITS.strokeWidthMax,
    ),
    author: checkAuthor(map.get('author'), `${path}.author`),
    layer: checkLayerKey(map.get('layer'), `${path}.layer`),
    createdAt: checkTimestamp(map.get('createdAt'), `${path}.createdAt`),
  };
}

export function parseAlternative(value: unknown, path: string): Alternative {
  const record = checkRecord(value, path);
  return {
    latex: checkString(record.latex, `${path}.latex`, LIMITS.latexLength),
    mathjs: checkString(record.mathjs, `${path}.mathjs`, LIMITS.latexLength),
    confidence: checkNumber(record.confidence, `${path}.confidence`, 0, 1),
  };
}

export function parseStep(value: unknown, path: string): SolutionStep {
  const record = checkRecord(value, path);
  return {
    latex: checkString(record.latex, `${path}.latex`, LIMITS.latexLength),
    explanation: checkString(record.explanation, `${path}.explanation`, LIMITS.explanationLength),
    rule: checkString(record.rule, `${path}.rule`, LIMITS.ruleLength, 1),
    // Older writers may omit the origin: everything before model steps came from the engine.
    origin:
      record.origin === undefined
        ? 'engine'
        : checkOneOf(record.origin, `${path}.origin`, STEP_ORIGINS),
  };
}

export function parseAnswer(value: unknown, path: string): Answer | null {
  if (value === null || value === undefined) return null;
  const record = checkRecord(value, path);
  return {
    latex: checkString(record.latex, `${path}.latex`, LIMITS.latexLength, 1),
    mathjs: checkString(record.mathjs, `${path}.mathjs`, LIMITS.latexLength, 1),
  };
}

function nullable<T>(value: unknown, check: (v: unknown) => T): T | null {
  return value === null || value === undefined ? null : check(value);
}

/** The fields of an equation that belong to one solving attempt. */
export interface AttemptFields {
  readonly status: Equation['status'];
  readonly steps: readonly SolutionStep[];
  readonly answer: Answer | null;
  readonly error: string | null;
  readonly solverId: string | null;
  readonly solvedInput: string | null;
}

/**
 * An attempt is one Y.Map, replaced whole by every edit and every claim and then written
 * only by the worker that holds it. Per-key last-writer-wins could otherwise merge the
 * status of one writer with the solver id of another (the fuzz test found exactly that).
 */
export function parseAttempt(value: unknown, path: string): AttemptFields {
  const map = checkYMap(value, path);
  const stepsValue = map.get('steps');
  if (!(stepsValue instanceof Y.Array))
    fail(`${path}.steps`, `expected a Y.Array, got ${describe(stepsValue)}`);
  if (stepsValue.length > LIMITS.steps) fail(`${path}.steps`, `more than ${LIMITS.steps} steps`);
  return {
    status: checkOneOf(map.get('status'), `${path}.status`, EQUATION_STATUSES),
    steps: stepsValue.toArray().map((s, i) => parseStep(s, `${path}.steps[${i}]`)),
    answer: parseAnswer(map.get('answer'), `${path}.answer`),
    error: nullable(map.get('error'), (v) => checkString(v, `${path}.error`, LIMITS.messageLength)),
    solverId: nullable(map.get('solverId'), (v) =>
      checkString(v, `${path}.solverId`, LIMITS.authorLength, 1),
    ),
    solvedInput: nullable(map.get('solvedInput'), (v) =>
      checkString(v, `${path}.solvedInput`, LIMITS.latexLength),
    ),
  };
}

export function parseEquation(key: string, value: unknown, path: string): Equation {
  const map = checkYMap(value, path);
  const id = checkId(map.get('id'), `${path}.id`);
  if (id !== key) fail(`${path}.id`, `does not match its key ${key}`);
  const alternatives = checkArray(
    map.get('alternatives'),
    `${path}.alternatives`,
    LIMITS.alternatives,
  );
  const strokeIds = checkArray(
    map.get('strokeIds'),
    `${path}.strokeIds`,
    LIMITS.strokeIdsPerEquation,
  );
  return {
    id,
    source: checkOneOf(map.get('source'), `${path}.source`, EQUATION_SOURCES),
    latex: checkString(map.get('latex'), `${path}.latex`, LIMITS.latexLength),
    mathjs: checkString(map.get('mathjs'), `${path}.mathjs`, LIMITS.latexLength),
    confidence: checkNumber(map.get('confidence'), `${path}.confidence`, 0, 1),
    alternatives: alternatives.map((a, i) => parseAlternative(a, `${path}.alternatives[${i}]`)),
    strokeIds: strokeIds.map((s, i) => checkId(s, `${path}.strokeIds[${i}]`)),
    author: checkAuthor(map.get('author'), `${path}.author`),
    x: checkCoordinate(map.get('x'), `${path}.x`),
    y: checkCoordinate(map.get('y'), `${path}.y`),
    ...parseAttempt(map.get('attempt'), `${path}.attempt`),
    createdAt: checkTimestamp(map.get('createdAt'), `${path}.createdAt`),
    updatedAt: checkTimestamp(map.get('updatedAt'), `${path}.updatedAt`),
  };
}

export function parseNote(key: string, value: unknown, path: string): Note {
  const map = checkYMap(value, path);
  const id = checkId(map.get('id'), `${path}.id`);
  if (id !== key) fail(`${path}.id`, `does not match its key ${key}`);
  const text = map.get('text');
  if (!(text instanceof Y.Text)) fail(`${path}.text`, `expected a Y.Text, got ${describe(text)}`);
  if (text.length > LIMITS.noteLength)
    fail(`${path}.text`, `longer than ${LIMITS.noteLength} characters`);
  return {
    id,
    text: text.toString(),
    x: checkCoordinate(map.get('x'), `${path}.x`),
    y: checkCoordinate(map.get('y'), `${path}.y`),
    color: checkColor(map.get('color'), `${path}.color`),
    author: checkAuthor(map.get('author'), `${path}.author`),
    layer: checkLayerKey(map.get('layer'), `${path}.layer`),
    createdAt: checkTimestamp(map.get('createdAt'), `${path}.createdAt`),
    updatedAt: checkTimestamp(map.get('updatedAt'), `${path}.updatedAt`),
  };
}
