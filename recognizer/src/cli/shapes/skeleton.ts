/**
 * Outline → pen strokes: fill a glyph's outline into a bitmap, thin the ink to a
 * one-pixel skeleton (Zhang–Suen), and trace the skeleton into strokes in a plausible
 * writing order. Font glyphs are filled shapes; a hand writes centre lines, so this is
 * what turns a handwriting font into ink the classifier can learn from. Used only by the
 * training script (pure, deterministic, no I/O).
 */
type Pt = [number, number];

export interface Bitmap {
  width: number;
  height: number;
  /** Row-major, 1 = ink. */
  data: Uint8Array;
}

/**
 * Fills closed polygons (nonzero winding, as TrueType and CFF outlines are drawn) by
 * sampling each pixel centre on scanlines.
 */
export function fillPolygons(polygons: readonly Pt[][], width: number, height: number): Bitmap {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = y + 0.5;
    const crossings: { x: number; dir: number }[] = [];
    for (const poly of polygons)
      for (let i = 0; i < poly.length; i++) {
        const [ax, ay] = poly[i] as Pt;
        const [bx, by] = poly[(i + 1) % poly.length] as Pt;
        if (ay === by || sy < Math.min(ay, by) || sy >= Math.max(ay, by)) continue;
        crossings.push({ x: ax + ((sy - ay) / (by - ay)) * (bx - ax), dir: by > ay ? 1 : -1 });
      }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let k = 0; k + 1 < crossings.length; k++) {
      winding += (crossings[k] as { dir: number }).dir;
      if (winding === 0) continue;
      const from = Math.max(0, Math.ceil((crossings[k] as { x: number }).x - 0.5));
      const to = Math.min(width - 1, Math.floor((crossings[k + 1] as { x: number }).x - 0.5));
      for (let x = from; x <= to; x++) data[y * width + x] = 1;
    }
  }
  return { width, height, data };
}

/** Neighbours P2..P9 clockwise from north (Zhang–Suen's numbering). */
const RING: Pt[] = [
  [0, -1],
  [1, -1],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
];

function at(b: Bitmap, x: number, y: number): number {
  return x < 0 || y < 0 || x >= b.width || y >= b.height ? 0 : (b.data[y * b.width + x] ?? 0);
}

function ring(b: Bitmap, x: number, y: number): number[] {
  return RING.map(([dx, dy]) => at(b, x + dx, y + dy));
}

/** 0→1 transitions around the ring: 1 means the neighbours form one connected arc. */
function transitions(n: readonly number[]): number {
  let t = 0;
  for (let i = 0; i < 8; i++) if (n[i] === 0 && n[(i + 1) % 8] === 1) t++;
  return t;
}

/**
 * Whether the ink neighbours of (x, y) stay 8-connected among themselves without it (two
 * neighbours diagonal to each other touch): then removing the pixel cuts nothing.
 */
function neighboursConnected(b: Bitmap, x: number, y: number): boolean {
  const around = RING.filter(([dx, dy]) => at(b, x + dx, y + dy) === 1);
  if (around.length < 2) return false;
  const reached = new Set<number>([0]);
  const stack = [0];
  while (stack.length > 0) {
    const [ax, ay] = around[stack.pop() as number] as Pt;
    around.forEach(([bx, by], j) => {
      if (!reached.has(j) && Math.abs(ax - bx) <= 1 && Math.abs(ay - by) <= 1) {
        reached.add(j);
        stack.push(j);
      }
    });
  }
  return reached.size === around.length;
}

/**
 * Zhang–Suen thinning, then removal of staircase pixels (a pixel with two perpendicular
 * 4-neighbours whose removal keeps its neighbours connected): Zhang–Suen leaves 4-connected
 * steps, which would read as junctions when the skeleton is traced.
 */
export function thin(src: Bitmap): Bitmap {
  const b: Bitmap = { ...src, data: Uint8Array.from(src.data) };
  let changed = true;
  while (changed) {
    changed = false;
    for (const pass of [0, 1]) {
      const remove: number[] = [];
      for (let y = 0; y < b.height; y++)
        for (let x = 0; x < b.width; x++) {
          if (!b.data[y * b.width + x]) continue;
          const n = ring(b, x, y);
          const count = n.reduce((s, v) => s + v, 0);
          if (count < 2 || count > 6 || transitions(n) !== 1) continue;
          const [p2, , p4, , p6, , p8] = n as [
            number,
            number,
            number,
            number,
            number,
            number,
            number,
            number,
          ];
          if (
            pass === 0
              ? p2 * p4 * p6 !== 0 || p4 * p6 * p8 !== 0
              : p2 * p4 * p8 !== 0 || p2 * p6 * p8 !== 0
          )
            continue;
          remove.push(y * b.width + x);
        }
      for (const i of remove) b.data[i] = 0;
      if (remove.length > 0) changed = true;
    }
  }
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++) {
      if (!b.data[y * b.width + x]) continue;
      const n = ring(b, x, y);
      const [p2, , p4, , p6, , p8] = n;
      const corner = (p2 && p4) || (p4 && p6) || (p6 && p8) || (p8 && p2);
      if (corner && neighboursConnected(b, x, y)) b.data[y * b.width + x] = 0;
    }
  return b;
}

/**
 * A spur shorter than this share of the glyph's larger side, hanging off a junction, is a
 * thinning artefact of a thick stroke's corner or end, not a pen movement.
 */
const SPUR_SHARE = 0.12;

/** A skeleton path between two nodes (clusters of junction pixels, or free ends). */
interface Edge {
  pixels: Pt[];
  from: number;
  to: number;
  used: boolean;
}

/**
 * Traces a skeleton into strokes. Pixels with ≠ 2 neighbours are nodes; touching junction
 * pixels form one node (thinning leaves small blobs where lines meet). Edges run between
 * nodes; a stroke starts at the free end nearest the top left (where people start), and at
 * each junction goes on along the unused edge that bends least (a pen goes straight
 * through a crossing), until no edge continues. Loops without ends (0, o) start at their
 * top left.
 */
export function traceSkeleton(b: Bitmap): Pt[][] {
  const key = (x: number, y: number): number => y * b.width + x;
  const ink = (x: number, y: number): boolean => at(b, x, y) === 1;
  const neighbours = (x: number, y: number): Pt[] =>
    RING.map(([dx, dy]): Pt => [x + dx, y + dy]).filter(([nx, ny]) => ink(nx, ny));
  // Node ids: connected clusters of pixels whose degree is not 2.
  const node = new Map<number, number>();
  let nodes = 0;
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++) {
      if (!ink(x, y) || neighbours(x, y).length === 2 || node.has(key(x, y))) continue;
      const id = nodes++;
      const stack: Pt[] = [[x, y]];
      node.set(key(x, y), id);
      while (stack.length > 0) {
        const [cx, cy] = stack.pop() as Pt;
        for (const [nx, ny] of neighbours(cx, cy))
          if (!node.has(key(nx, ny)) && neighbours(nx, ny).length !== 2) {
            node.set(key(nx, ny), id);
            stack.push([nx, ny]);
          }
      }
    }
  const edges: Edge[] = [];
  const seen = new Set<number>();
  const lone = new Set<number>();
  /** Follows degree-2 pixels from `first` (a neighbour of `start`) to the next node. */
  const walk = (start: Pt, first: Pt, from: number): void => {
    const pixels: Pt[] = [start];
    let prev = start;
    let cur = first;
    for (;;) {
      pixels.push(cur);
      const id = node.get(key(cur[0], cur[1]));
      if (id !== undefined) {
        edges.push({ pixels, from, to: id, used: false });
        return;
      }
      seen.add(key(cur[0], cur[1]));
      const next = neighbours(cur[0], cur[1]).find(
        ([nx, ny]) => !(nx === prev[0] && ny === prev[1]) && !seen.has(key(nx, ny)),
      );
      if (!next) {
        // Back at a loop's start (a pure loop) or a dead end.
        const back = neighbours(cur[0], cur[1]).find(
          ([nx, ny]) => nx === start[0] && ny === start[1],
        );
        if (back && pixels.length > 2) pixels.push(start);
        edges.push({ pixels, from, to: from, used: false });
        return;
      }
      [prev, cur] = [cur, next];
    }
  };
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++) {
      const id = node.get(key(x, y));
      if (id === undefined) continue;
      const around = neighbours(x, y);
      if (around.length === 0 && !lone.has(id)) {
        lone.add(id);
        edges.push({ pixels: [[x, y]], from: id, to: id, used: false });
      }
      for (const n of around) {
        const nid = node.get(key(n[0], n[1]));
        if (nid === id) continue;
        if (nid !== undefined) {
          // Two nodes side by side: one short edge, once.
          if (id < nid) edges.push({ pixels: [[x, y], n], from: id, to: nid, used: false });
          continue;
        }
        if (!seen.has(key(n[0], n[1]))) walk([x, y], n, id);
      }
    }
  // Pure loops: degree-2 components never reached from a node.
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++) {
      if (!ink(x, y) || node.has(key(x, y)) || seen.has(key(x, y))) continue;
      const id = nodes++;
      seen.add(key(x, y));
      const first = neighbours(x, y)[0];
      if (first) walk([x, y], first, id);
    }
  const degree = new Map<number, number>();
  for (const e of edges) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const spur = Math.max(b.width, b.height) * SPUR_SHARE;
  const kept = edges.filter((e) => {
    if (e.pixels.length >= spur || e.from === e.to) return true;
    const [a, z] = [degree.get(e.from) ?? 0, degree.get(e.to) ?? 0];
    return !((a === 1 && z >= 3) || (z === 1 && a >= 3));
  });
  return chainEdges(kept);
}

/** Direction of a path's first few pixels, pointing into the path. */
function headingOut(pixels: readonly Pt[]): Pt {
  const n = Math.min(pixels.length - 1, 6);
  const [a, b] = [pixels[0] as Pt, pixels[n] as Pt];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  return [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
}

/**
 * A junction continues only along an edge that bends less than this (cosine of the turn):
 * a T's bar does not flow into its stem, a crossing's halves do flow into each other.
 */
const MIN_CONTINUE_COS = 0.2;

function chainEdges(edges: Edge[]): Pt[][] {
  const strokes: Pt[][] = [];
  const degree = new Map<number, number>();
  for (const e of edges) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const oriented = (e: Edge, reversed: boolean): { pixels: Pt[]; start: number; end: number } =>
    reversed
      ? { pixels: [...e.pixels].reverse(), start: e.to, end: e.from }
      : { pixels: e.pixels, start: e.from, end: e.to };
  for (;;) {
    let best: { e: Edge; reversed: boolean; score: number } | null = null;
    for (const e of edges) {
      if (e.used) continue;
      for (const reversed of [false, true]) {
        const o = oriented(e, reversed);
        const p = o.pixels[0] as Pt;
        // Prefer free ends (no other line meets there), then the top left.
        const free = (degree.get(o.start) ?? 0) <= 1 ? 0 : 1000;
        const score = free + p[0] + p[1] * 1.5;
        if (!best || score < best.score) best = { e, reversed, score };
      }
    }
    if (!best) break;
    best.e.used = true;
    const first = oriented(best.e, best.reversed);
    let path = [...first.pixels];
    let end = first.end;
    for (;;) {
      const tail = headingOut([...path].reverse());
      const dir: Pt = [-tail[0], -tail[1]];
      let next: { e: Edge; reversed: boolean; cos: number } | null = null;
      for (const e of edges) {
        if (e.used) continue;
        for (const reversed of [false, true]) {
          const o = oriented(e, reversed);
          if (o.start !== end) continue;
          const h = headingOut(o.pixels);
          const cos = dir[0] * h[0] + dir[1] * h[1];
          // Through a node of exactly two lines (a corner left by a pruned spur) the pen
          // always goes on.
          const through = cos > MIN_CONTINUE_COS || degree.get(end) === 2;
          if (through && (!next || cos > next.cos)) next = { e, reversed, cos };
        }
      }
      if (!next) break;
      next.e.used = true;
      const o = oriented(next.e, next.reversed);
      path = path.concat(o.pixels.slice(1));
      end = o.end;
    }
    strokes.push(path);
  }
  return strokes;
}

/** Ramer–Douglas–Peucker simplification (keeps the ends). */
export function simplify(points: readonly Pt[], tolerance: number): Pt[] {
  if (points.length <= 2) return [...points];
  const [a, b] = [points[0] as Pt, points.at(-1) as Pt];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  let worst = 0;
  let index = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i] as Pt;
    const d =
      len === 0
        ? Math.hypot(p[0] - a[0], p[1] - a[1])
        : Math.abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / len;
    if (d > worst) [worst, index] = [d, i];
  }
  if (worst <= tolerance) return [a, b];
  return simplify(points.slice(0, index + 1), tolerance)
    .slice(0, -1)
    .concat(simplify(points.slice(index), tolerance));
}

/** Pixel paths smoothed by a [1 2 1] filter (the skeleton's steps are not pen shapes). */
export function smooth(points: readonly Pt[]): Pt[] {
  if (points.length < 3) return [...points];
  return points.map((p, i) => {
    if (i === 0 || i === points.length - 1) return p;
    const [a, c] = [points[i - 1] as Pt, points[i + 1] as Pt];
    return [(a[0] + 2 * p[0] + c[0]) / 4, (a[1] + 2 * p[1] + c[1]) / 4];
  });
}
