import { PenTracker } from './pen-tracker.ts';
import type { HandFrame, PenTrackerOptions, TrackedStroke } from './pen-tracker.ts';
import { recognizeExpression } from '../recognize.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import type { RecognizeOptions } from '../recognize.ts';
import { latexEditDistance, latexTokensEqual } from '../eval/latex-compare.ts';
import type { InkPoint } from '../ink/types.ts';

/**
 * Scoring of the hand → pen pipeline against recorded air-writing with ground truth
 * (shared/data/airwriting): per-frame pen state and stroke count. Used by tests and bench.
 */
export interface AirwritingRecord {
  id: string;
  model: string;
  width: number;
  height: number;
  frames: (HandFrame & { pen: 'down' | 'up'; tip: [number, number] })[];
  strokesTruth: [number, number][][];
}

export interface AirwritingScore {
  frames: number;
  penCorrect: number;
  strokes: TrackedStroke[];
  strokeCountMatches: boolean;
  /** Mean distance (frame heights) from each pen-down point to the true fingertip. */
  meanTipError: number;
}

export function scoreAirwriting(
  rec: AirwritingRecord,
  options: PenTrackerOptions = {},
): AirwritingScore {
  const aspect = rec.width / rec.height;
  const tracker = new PenTracker({ mode: 'point', aspect, ...options });
  for (const f of rec.frames) tracker.push(f);
  const last = rec.frames.at(-1);
  tracker.flush(last ? last.t : 0);
  const strokes = tracker.strokes;
  let penCorrect = 0;
  let errSum = 0;
  let errN = 0;
  const truthAt = new Map(rec.frames.map((f) => [f.t, f.tip]));
  for (const s of strokes)
    for (const p of s.points) {
      const tip = p.t === undefined ? undefined : truthAt.get(p.t);
      if (tip) {
        errSum += Math.hypot(p.x - tip[0] * aspect, p.y - tip[1]);
        errN++;
      }
    }
  for (const f of rec.frames) {
    const down = strokes.some((s) => f.t >= s.t0 && f.t <= s.t1);
    if (down === (f.pen === 'down')) penCorrect++;
  }
  return {
    frames: rec.frames.length,
    penCorrect,
    strokes,
    strokeCountMatches: strokes.length === rec.strokesTruth.length,
    meanTipError: errN === 0 ? 0 : errSum / errN,
  };
}

/** An air-writing record with its expression (the generator's output, one per model). */
export interface AirExpression extends AirwritingRecord {
  latex: string;
  /** The true segmentation (from the CROHME record), when known: which strokes form a symbol. */
  symbols?: { label: string; strokes: number[] }[];
}

/** The same expression's pen strokes, in the air ink's units (x scaled by the aspect). */
export function penStrokes(rec: AirwritingRecord): InkPoint[][] {
  const aspect = rec.width / rec.height;
  return rec.strokesTruth.map((s) => s.map(([x, y]) => ({ x: x * aspect, y })));
}

export interface AirVsPen {
  model: string;
  expressions: number;
  /** Exactly recognized from the air ink (hand → pen → recognizer). */
  airExact: number;
  /** Exactly recognized from the same expressions' pen strokes. */
  penExact: number;
  frames: number;
  penCorrect: number;
  strokeCountMatches: number;
  /** Time spent in hand → pen (PenTracker), summed over all frames (ms). */
  trackerMs: number;
  /** LaTeX token edits to the truth, summed (a finer signal than exact matches). */
  airEdits: number;
  penEdits: number;
  /** Shape error of the air ink against the pen strokes (frame heights), summed, see inkDistance. */
  shapeError: number;
  shapeCompared: number;
  /** Symbols (true segmentation, stroke counts matching) and how many each ink gets right. */
  symbols: number;
  airSymbols: number;
  penSymbols: number;
  /** Per expression: id, and whether air and pen were read exactly. */
  rows: { id: string; air: boolean; pen: boolean; airLatex: string; penLatex: string }[];
}

/**
 * Air ink against pen ink, per model: each record's frames go through PenTracker and the
 * recognizer, and so do its true strokes; an expression counts when its LaTeX matches.
 * `now` times the tracker (pass `performance.now`); pure otherwise.
 */
export function compareAirToPen(
  records: readonly AirExpression[],
  options: {
    now: () => number;
    tracker?: PenTrackerOptions;
    /** How pen strokes are read (and air ink, unless `airRecognize` says otherwise). */
    recognize?: RecognizeOptions;
    /** How air ink is read: the product reads it with the air-ink model. */
    airRecognize?: RecognizeOptions;
  },
): AirVsPen[] {
  const byModel = new Map<string, AirVsPen>();
  const classifier = options.recognize?.classifier ?? new SymbolClassifier();
  const airOptions = options.airRecognize ?? options.recognize;
  const airClassifier = airOptions?.classifier ?? classifier;
  for (const rec of records) {
    let m = byModel.get(rec.model);
    if (!m) {
      m = {
        model: rec.model,
        expressions: 0,
        airExact: 0,
        penExact: 0,
        frames: 0,
        penCorrect: 0,
        strokeCountMatches: 0,
        trackerMs: 0,
        airEdits: 0,
        penEdits: 0,
        shapeError: 0,
        shapeCompared: 0,
        symbols: 0,
        airSymbols: 0,
        penSymbols: 0,
        rows: [],
      };
      byModel.set(rec.model, m);
    }
    const score = scoreAirwriting(rec, options.tracker);
    m.trackerMs += timeTracker(rec, options.now, options.tracker);
    const airLatex = recognizeExpression(
      score.strokes.map((s) => s.points),
      airOptions,
    ).latex;
    const pen = penStrokes(rec);
    const penLatex = recognizeExpression(pen, options.recognize).latex;
    if (score.strokeCountMatches) {
      m.shapeError += inkDistance(
        score.strokes.map((s) => s.points),
        pen,
      );
      m.shapeCompared++;
      const airInk = score.strokes.map((s) => s.points);
      for (const sym of rec.symbols ?? []) {
        const group = (ink: InkPoint[][]) => sym.strokes.map((i) => ink[i] ?? []);
        m.symbols++;
        if (airClassifier.classify(group(airInk)).ranked[0]?.label === sym.label) m.airSymbols++;
        if (classifier.classify(group(pen)).ranked[0]?.label === sym.label) m.penSymbols++;
      }
    }
    m.airEdits += latexEditDistance(airLatex, rec.latex);
    m.penEdits += latexEditDistance(penLatex, rec.latex);
    const air = latexTokensEqual(airLatex, rec.latex);
    const penOk = latexTokensEqual(penLatex, rec.latex);
    m.expressions++;
    m.frames += score.frames;
    m.penCorrect += score.penCorrect;
    if (score.strokeCountMatches) m.strokeCountMatches++;
    if (air) m.airExact++;
    if (penOk) m.penExact++;
    m.rows.push({ id: rec.id, air, pen: penOk, airLatex, penLatex });
  }
  return [...byModel.values()];
}

/** Hand → pen alone on one record (the cost the extension pays per frame), in ms. */
function timeTracker(
  rec: AirwritingRecord,
  now: () => number,
  options: PenTrackerOptions = {},
): number {
  const t0 = now();
  const tracker = new PenTracker({ mode: 'point', aspect: rec.width / rec.height, ...options });
  for (const f of rec.frames) tracker.push(f);
  tracker.flush(rec.frames.at(-1)?.t ?? 0);
  return now() - t0;
}

/** Spacing both inks are resampled at before they are compared (frame heights, ~1 px). */
const COMPARE_STEP = 0.002;

function resampleLinear(points: readonly InkPoint[], step: number): InkPoint[] {
  const first = points[0];
  if (!first) return [];
  const out: InkPoint[] = [{ x: first.x, y: first.y }];
  let carried = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as InkPoint;
    const b = points[i] as InkPoint;
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    let d = step - carried;
    for (; d <= seg; d += step)
      out.push({ x: a.x + ((b.x - a.x) * d) / seg, y: a.y + ((b.y - a.y) * d) / seg });
    carried = seg - (d - step);
  }
  return out;
}

/**
 * How far the air ink is from the pen strokes, stroke by stroke (same count): both are
 * resampled by arc length, the air ink is shifted so the centroids agree (the tracker's
 * constant fingertip offset is no loss of shape), then the symmetric mean closest-point
 * distance, averaged over strokes. In frame heights.
 */
export function inkDistance(
  air: readonly (readonly InkPoint[])[],
  pen: readonly (readonly InkPoint[])[],
): number {
  const a = air.map((s) => resampleLinear(s, COMPARE_STEP));
  const p = pen.map((s) => resampleLinear(s, COMPARE_STEP));
  const centroid = (ss: InkPoint[][]) => {
    let x = 0;
    let y = 0;
    let n = 0;
    for (const s of ss)
      for (const q of s) {
        x += q.x;
        y += q.y;
        n++;
      }
    return n === 0 ? { x: 0, y: 0 } : { x: x / n, y: y / n };
  };
  const ca = centroid(a);
  const cp = centroid(p);
  const nearest = (q: InkPoint, s: InkPoint[]) => {
    let best = Infinity;
    for (const r of s) best = Math.min(best, Math.hypot(q.x - r.x, q.y - r.y));
    return best;
  };
  let sum = 0;
  let n = 0;
  for (let k = 0; k < Math.min(a.length, p.length); k++) {
    const sa = (a[k] ?? []).map((q) => ({ x: q.x - ca.x + cp.x, y: q.y - ca.y + cp.y }));
    const sp = p[k] ?? [];
    if (sa.length === 0 || sp.length === 0) continue;
    const there = sa.reduce((t, q) => t + nearest(q, sp), 0) / sa.length;
    const back = sp.reduce((t, q) => t + nearest(q, sa), 0) / sp.length;
    sum += (there + back) / 2;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}
