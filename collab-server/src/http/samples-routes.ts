import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { hasScope } from '../auth/principal.ts';
import { getPersonalSamples, putPersonalSamples } from '../db/samples.ts';
import type { AppDeps, AppEnv } from './types.ts';
import { HttpError, jsonBody, requirePrincipal } from './types.ts';

/** Where the routes are mounted: app.ts exempts this path from the general body limit. */
export const SAMPLES_PATH = '/api/me/samples';
/** The recognizer's file format tag (`SymbolClassifier.exportSamples()`). */
export const SAMPLES_FORMAT = 'motionmath-personal-samples-1';
/** A sample is ~1–3 KB of JSON, so this holds a hundred or more: plenty for the symbols a
 * user corrects, small enough to load on every sign-in. */
export const MAX_SAMPLES_BYTES = 256 * 1024;
/** More samples of one symbol add little accuracy (the nearest one votes) and only cost
 * classification time; clients keep the newest. */
export const MAX_SAMPLES_PER_LABEL = 20;
/** Labels are LaTeX symbol names such as `7` or `\sqrt`. */
const MAX_LABEL_LENGTH = 32;
/** One symbol is a handful of strokes; far more is not a symbol. */
const MAX_STROKES_PER_SAMPLE = 16;
/** The recognizer thins strokes to 64 points anyway; this only bounds garbage. */
const MAX_POINTS_PER_STROKE = 1024;

interface SamplesFile {
  format: typeof SAMPLES_FORMAT;
  samples: { label: string; strokes: { x: number; y: number }[][] }[];
}

const EMPTY_FILE: SamplesFile = { format: SAMPLES_FORMAT, samples: [] };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function point(value: unknown, where: string): { x: number; y: number } {
  if (
    !isRecord(value) ||
    typeof value['x'] !== 'number' ||
    typeof value['y'] !== 'number' ||
    !Number.isFinite(value['x']) ||
    !Number.isFinite(value['y'])
  )
    throw new HttpError(400, `${where} must be a point {x, y} of finite numbers`);
  // Only x and y are kept: the recognizer reads nothing else, and the file stays small.
  return { x: value['x'], y: value['y'] };
}

/** Checks a samples file and returns a normalized copy; a clear 400 names what is wrong. */
export function parseSamplesFile(body: Record<string, unknown>): SamplesFile {
  if (body['format'] !== SAMPLES_FORMAT)
    throw new HttpError(400, `format must be ${SAMPLES_FORMAT}`);
  const samples = body['samples'];
  if (!Array.isArray(samples)) throw new HttpError(400, 'samples must be an array');
  const perLabel = new Map<string, number>();
  return {
    format: SAMPLES_FORMAT,
    samples: samples.map((sample: unknown, i) => {
      const where = `samples[${i}]`;
      if (!isRecord(sample)) throw new HttpError(400, `${where} must be an object`);
      const label = sample['label'];
      if (typeof label !== 'string' || label.length === 0 || label.length > MAX_LABEL_LENGTH)
        throw new HttpError(400, `${where}.label must be a string of 1–${MAX_LABEL_LENGTH}`);
      const count = (perLabel.get(label) ?? 0) + 1;
      if (count > MAX_SAMPLES_PER_LABEL)
        throw new HttpError(400, `at most ${MAX_SAMPLES_PER_LABEL} samples per label (${label})`);
      perLabel.set(label, count);
      const strokes = sample['strokes'];
      if (
        !Array.isArray(strokes) ||
        strokes.length === 0 ||
        strokes.length > MAX_STROKES_PER_SAMPLE
      )
        throw new HttpError(400, `${where}.strokes must hold 1–${MAX_STROKES_PER_SAMPLE} strokes`);
      return {
        label,
        strokes: strokes.map((stroke: unknown, j) => {
          if (
            !Array.isArray(stroke) ||
            stroke.length === 0 ||
            stroke.length > MAX_POINTS_PER_STROKE
          )
            throw new HttpError(
              400,
              `${where}.strokes[${j}] must hold 1–${MAX_POINTS_PER_STROKE} points`,
            );
          return stroke.map((p: unknown, k) => point(p, `${where}.strokes[${j}][${k}]`));
        }),
      };
    }),
  };
}

/**
 * `GET|PUT /api/me/samples`: the user's personal handwriting samples, so recognition
 * learns their hand on every device. Reading needs a session or a token with a board
 * scope (the extension recognizes for the boards it writes to); replacing needs a session
 * or `board:write`, like every other write an API token may make.
 */
export function samplesRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const principal = requirePrincipal(c);
    if (!hasScope(principal, 'board:read') && !hasScope(principal, 'board:write'))
      throw new HttpError(403, 'this token lacks the board:read scope');
    const stored = await getPersonalSamples(db, principal.user.id);
    if (stored) c.header('Last-Modified', stored.updatedAt.toUTCString());
    return c.json(stored?.samples ?? EMPTY_FILE);
  });

  app.put(
    '/',
    bodyLimit({
      maxSize: MAX_SAMPLES_BYTES,
      onError: (c) =>
        c.json({ error: `the samples file is larger than ${MAX_SAMPLES_BYTES} bytes` }, 413),
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      if (!hasScope(principal, 'board:write'))
        throw new HttpError(403, 'this token lacks the board:write scope');
      const file = parseSamplesFile(await jsonBody(c));
      const updatedAt = await putPersonalSamples(db, principal.user.id, file);
      return c.json({ count: file.samples.length, updatedAt });
    },
  );

  return app;
}
