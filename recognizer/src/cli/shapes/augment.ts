import type { Random } from '@motionmath/testkit';

/**
 * Augmentation that mimics handwriting variation on clean prototypes: slant, rotation,
 * uneven scale, per-stroke displacement, smooth wobble, jitter, and joined strokes
 * (people often connect strokes that fonts keep apart). Used only by the training script.
 */
type Pt = [number, number];

export interface AugmentOptions {
  /** May strokes be joined? Not for symbols whose joined form is another symbol (= → z). */
  allowJoin?: boolean;
  /** Extra horizontal stretch range (√ varies in width with its content). */
  stretchX?: [number, number];
  /**
   * Join the prototype's pieces that a pen draws without lifting (see `continuousPen`):
   * for whole expressions, where the number of strokes per symbol matters. Off for the
   * symbol model, whose bytes stay as they were.
   */
  continuousPen?: boolean;
}

/**
 * Font glyphs are built of segments that a hand draws without lifting the pen (a Hershey
 * 5 is three pieces end to end). A piece with an end within this share of the glyph's
 * size of an end of the stroke before it continues that stroke.
 */
export const PEN_CONTINUITY = 0.06;

/** Joins consecutive pieces of a glyph that meet end to end (see `PEN_CONTINUITY`). */
export function continuousPen(strokes: readonly Pt[][]): Pt[][] {
  const b = bbox(strokes as Pt[][]);
  const tol = PEN_CONTINUITY * b.size;
  const near = (p: Pt | undefined, q: Pt | undefined): boolean =>
    p !== undefined && q !== undefined && Math.hypot(p[0] - q[0], p[1] - q[1]) <= tol;
  const out: Pt[][] = [];
  for (const piece of strokes) {
    const last = out.at(-1);
    const s = [...piece];
    if (!last || s.length === 0) {
      if (s.length > 0) out.push(s);
      continue;
    }
    if (near(last.at(-1), s[0])) last.push(...s);
    else if (near(last.at(-1), s.at(-1))) last.push(...s.reverse());
    else if (near(last[0], s.at(-1))) last.unshift(...s);
    else if (near(last[0], s[0])) last.unshift(...s.reverse());
    else out.push(s);
  }
  return out;
}

/** Chance that one stroke of a sample is split in two (a brief pen lift). */
const SPLIT_CHANCE = 0.12;
/** Chance that a multi-stroke sample has its strokes placed sloppily (see below). */
const SLOPPY_CHANCE = 0.3;
/** How much more the strokes of a sloppy sample are displaced and rotated. */
const SLOPPY_SPREAD = 2.5;
/** Spread (log-normal) of each stroke's own size in a sloppy sample. */
const SLOPPY_SCALE = 0.2;
/** Amplitude of the elastic distortion (in symbol sizes) and its grid of control vectors. */
const ELASTIC_AMPLITUDE = 0.08;
const ELASTIC_GRID = 3;
/** Only strokes with at least this many points (after densifying) are split. */
const SPLIT_MIN_POINTS = 8;

export function gauss(r: Random): number {
  // Box–Muller: deterministic given the seeded generator.
  const u = Math.max(1e-9, r.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

export function uniform(r: Random, a: number, b: number): number {
  return a + (b - a) * r.next();
}

function bbox(strokes: Pt[][]): { minX: number; minY: number; size: number; w: number; h: number } {
  const xs = strokes.flat().map((p) => p[0]);
  const ys = strokes.flat().map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const w = Math.max(...xs) - minX;
  const h = Math.max(...ys) - minY;
  return { minX, minY, w, h, size: Math.max(w, h, 1e-6) };
}

/** Insert points so no segment is longer than `step` (wobble then bends straight lines). */
function densify(s: Pt[], step: number): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i < s.length; i++) {
    const p = s[i] as Pt;
    if (i > 0) {
      const q = s[i - 1] as Pt;
      const n = Math.ceil(Math.hypot(p[0] - q[0], p[1] - q[1]) / step);
      for (let k = 1; k < n; k++)
        out.push([q[0] + ((p[0] - q[0]) * k) / n, q[1] + ((p[1] - q[1]) * k) / n]);
    }
    out.push(p);
  }
  return out;
}

export function augment(proto: Pt[][], r: Random, opts: AugmentOptions = {}): Pt[][] {
  if (opts.continuousPen) proto = continuousPen(proto);
  const b = bbox(proto);
  // Normalize to a unit-size box first so all amounts below are relative to the symbol.
  let strokes = proto.map((s) =>
    densify(
      s.map(([x, y]): Pt => [(x - b.minX) / b.size, (y - b.minY) / b.size]),
      0.05,
    ),
  );

  // Per-stroke displacement, rotation and size: hands do not place strokes exactly, and
  // some writers are sloppy (a + crossed off-centre, a 5's cap short and tilted).
  const sloppy = strokes.length > 1 && r.chance(SLOPPY_CHANCE);
  strokes = strokes.map((s) => {
    const spread = sloppy ? SLOPPY_SPREAD : 1;
    const dx = gauss(r) * 0.04 * spread;
    const dy = gauss(r) * 0.04 * spread;
    const a = gauss(r) * 0.06 * spread;
    const k = sloppy ? Math.exp(gauss(r) * SLOPPY_SCALE) : 1;
    const c = Math.cos(a) * k;
    const sn = Math.sin(a) * k;
    const [mx, my] = s.reduce(
      (acc, p) => [acc[0] + p[0] / s.length, acc[1] + p[1] / s.length],
      [0, 0],
    );
    return s.map(([x, y]): Pt => [
      mx + c * (x - mx) - sn * (y - my) + dx,
      my + sn * (x - mx) + c * (y - my) + dy,
    ]);
  });

  // Global affine: slant (shear), rotation, uneven scale.
  const shear = uniform(r, -0.35, 0.35);
  const rot = gauss(r) * 0.1;
  const sx =
    Math.exp(gauss(r) * 0.25) *
    (opts.stretchX ? uniform(r, opts.stretchX[0], opts.stretchX[1]) : 1);
  const sy = Math.exp(gauss(r) * 0.12);
  const c = Math.cos(rot);
  const s = Math.sin(rot);
  strokes = strokes.map((st) =>
    st.map(([x, y]): Pt => {
      const x1 = (x + shear * (0.5 - y)) * sx;
      const y1 = y * sy;
      return [c * x1 - s * y1, s * x1 + c * y1];
    }),
  );

  // Smooth wobble: two random low-frequency displacement waves.
  const waves = [0, 1].map(() => ({
    ax: gauss(r) * 0.035,
    ay: gauss(r) * 0.035,
    fx: uniform(r, 1, 3),
    fy: uniform(r, 1, 3),
    ph: uniform(r, 0, 2 * Math.PI),
  }));
  strokes = strokes.map((st) =>
    st.map(([x, y]): Pt => {
      let dx = 0;
      let dy = 0;
      for (const w of waves) {
        dx += w.ax * Math.sin(w.fy * y * 2 * Math.PI + w.ph);
        dy += w.ay * Math.sin(w.fx * x * 2 * Math.PI + w.ph);
      }
      return [x + dx + gauss(r) * 0.004, y + dy + gauss(r) * 0.004];
    }),
  );

  // Elastic distortion: a smooth random displacement field (bilinear over a coarse grid of
  // random vectors) bends strokes locally, unlike the global waves above.
  const field = Array.from({ length: (ELASTIC_GRID + 1) ** 2 }, (): Pt => [
    gauss(r) * ELASTIC_AMPLITUDE,
    gauss(r) * ELASTIC_AMPLITUDE,
  ]);
  const nb = bbox(strokes);
  strokes = strokes.map((st) =>
    st.map(([x, y]): Pt => {
      const gx = Math.min(
        ELASTIC_GRID - 1e-6,
        Math.max(0, ((x - nb.minX) / nb.size) * ELASTIC_GRID),
      );
      const gy = Math.min(
        ELASTIC_GRID - 1e-6,
        Math.max(0, ((y - nb.minY) / nb.size) * ELASTIC_GRID),
      );
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const fx = gx - x0;
      const fy = gy - y0;
      const at = (i: number, j: number): Pt => field[j * (ELASTIC_GRID + 1) + i] as Pt;
      const v = (d: 0 | 1): number =>
        at(x0, y0)[d] * (1 - fx) * (1 - fy) +
        at(x0 + 1, y0)[d] * fx * (1 - fy) +
        at(x0, y0 + 1)[d] * (1 - fx) * fy +
        at(x0 + 1, y0 + 1)[d] * fx * fy;
      return [x + v(0) * nb.size, y + v(1) * nb.size];
    }),
  );

  // Sloppy stroke ends: hooks where the pen lands or lifts, and ends cut short.
  strokes = strokes.map((st) => {
    let out = st;
    if (out.length > 3 && r.chance(0.25)) {
      const cut = Math.floor(out.length * uniform(r, 0, 0.1));
      out = r.chance(0.5) ? out.slice(cut) : out.slice(0, out.length - cut);
    }
    const hook = (p: Pt): Pt => {
      const a = uniform(r, 0, 2 * Math.PI);
      const len = uniform(r, 0.03, 0.12);
      return [p[0] + Math.cos(a) * len, p[1] + Math.sin(a) * len];
    };
    const first = out[0];
    const last = out.at(-1);
    if (first && r.chance(0.2)) out = [hook(first), ...out];
    if (last && r.chance(0.2)) out = [...out, hook(last)];
    return out;
  });

  // Split strokes: the pen lifts briefly mid-stroke (a 2 or 8 in two pieces), leaving a
  // small gap or overlap where the pieces meet.
  const long = strokes.filter((st) => st.length >= SPLIT_MIN_POINTS);
  if (long.length > 0 && r.chance(SPLIT_CHANCE)) {
    const st = r.pick(long);
    const at = Math.floor(st.length * uniform(r, 0.3, 0.7));
    const dx = gauss(r) * 0.02;
    const dy = gauss(r) * 0.02;
    const tail = st.slice(at).map(([x, y]): Pt => [x + dx, y + dy]);
    strokes.splice(strokes.indexOf(st), 1, st.slice(0, at), tail);
  }

  // Joined strokes: sometimes the pen stays down between two strokes.
  if (opts.allowJoin === true && strokes.length > 1 && r.chance(0.15)) {
    const i = r.int(0, strokes.length - 2);
    const joined = [...(strokes[i] as Pt[]), ...(strokes[i + 1] as Pt[])];
    strokes.splice(i, 2, joined);
  }
  // Random order and direction (irrelevant to the features, but cheap realism).
  strokes = strokes.map((st) => (r.chance(0.3) ? [...st].reverse() : st));
  return strokes;
}

/**
 * Horizontal gap between two juxtaposed symbols (× the first one's size). Slightly
 * negative: people write a bracket or a 1 so close to its neighbour that they overlap.
 */
const SIDE_GAP: [number, number] = [-0.12, 0.35];

/**
 * A √ with a symbol under its roof: not one symbol (the radicand is separate). `root` is
 * a √ sample, `content` any symbol; the content is scaled to the √'s inner height and
 * placed right of the tick.
 */
export function enclose(root: Pt[][], content: Pt[][], r: Random): Pt[][] {
  const br = bbox(root);
  const bc = bbox(content);
  const scale = (br.h * uniform(r, 0.45, 0.8)) / Math.max(bc.h, 1e-6);
  const left = br.minX + br.w * uniform(r, 0.3, 0.5);
  const room = Math.max(br.minX + br.w * 0.95 - left, 1e-6);
  const fit = Math.min(scale, room / Math.max(bc.w, 1e-6));
  const oy = br.minY + br.h * 0.95 - bc.h * fit;
  const moved = content.map((s) =>
    s.map(([x, y]): Pt => [left + (x - bc.minX) * fit, oy + (y - bc.minY) * fit]),
  );
  return [...root, ...moved];
}

/**
 * Two tall symbols of about the same height side by side, close or slightly overlapping
 * (a bracket and a 1): `juxtapose` scales by the larger side, which makes a thin partner
 * much shorter than the line; here the heights match as they do in writing.
 */
export function besideTall(a: Pt[][], b: Pt[][], r: Random): Pt[][] {
  const ba = bbox(a);
  const bb = bbox(b);
  const scale = (ba.h / Math.max(bb.h, 1e-6)) * Math.exp(gauss(r) * 0.1);
  const ox = ba.minX + ba.w + uniform(r, -0.08, 0.25) * ba.h;
  const oy = ba.minY + gauss(r) * 0.08 * ba.h;
  const moved = b.map((s) =>
    s.map(([x, y]): Pt => [ox + (x - bb.minX) * scale, oy + (y - bb.minY) * scale]),
  );
  return [...a, ...moved];
}

/**
 * A small symbol written as a superscript (or subscript) of another: not one symbol. The
 * script is 35–70 % of the base's height, at its upper (lower) right corner.
 */
export function script(base: Pt[][], small: Pt[][], r: Random): Pt[][] {
  const ba = bbox(base);
  const bs = bbox(small);
  const scale = (ba.h * uniform(r, 0.35, 0.7)) / Math.max(bs.h, bs.w * 0.5, 1e-6);
  const ox = ba.minX + ba.w + uniform(r, -0.05, 0.2) * ba.size;
  const up = r.chance(0.75);
  const oy = up
    ? ba.minY - bs.h * scale * uniform(r, 0.2, 0.7)
    : ba.minY + ba.h - bs.h * scale * uniform(r, 0.3, 0.8);
  const moved = small.map((s) =>
    s.map(([x, y]): Pt => [ox + (x - bs.minX) * scale, oy + (y - bs.minY) * scale]),
  );
  return [...base, ...moved];
}

/**
 * Two symbols side by side, or stacked (a numerator on its bar): a "junk" sample (not one
 * symbol) for segmentation.
 */
export function juxtapose(a: Pt[][], b: Pt[][], r: Random, stacked = false): Pt[][] {
  if (stacked) {
    const ba = bbox(a);
    const bb = bbox(b);
    // b goes above or below a, centred, with a small gap, at a similar or larger width.
    const scale = (ba.size / bb.size) * Math.exp(gauss(r) * 0.3);
    const gap = uniform(r, 0.02, 0.4) * ba.size;
    const above = r.chance(0.5);
    const ox = ba.minX + ba.w / 2 - (bb.w * scale) / 2 + gauss(r) * 0.1 * ba.size;
    const oy = above ? ba.minY - gap - bb.h * scale : ba.minY + ba.h + gap;
    const moved = b.map((s) =>
      s.map(([x, y]): Pt => [ox + (x - bb.minX) * scale, oy + (y - bb.minY) * scale]),
    );
    return [...a, ...moved];
  }
  const ba = bbox(a);
  const bb = bbox(b);
  const scale = (ba.size / bb.size) * Math.exp(gauss(r) * 0.3);
  const gap = uniform(r, SIDE_GAP[0], SIDE_GAP[1]) * ba.size;
  const dy = gauss(r) * 0.25 * ba.size;
  const ox = ba.minX + ba.w + gap;
  const oy = ba.minY + ba.h / 2 - (bb.h * scale) / 2 + dy;
  const moved = b.map((s) =>
    s.map(([x, y]): Pt => [ox + (x - bb.minX) * scale, oy + (y - bb.minY) * scale]),
  );
  return [...a, ...moved];
}
