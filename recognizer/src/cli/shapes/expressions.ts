import type { Random } from '@motionmath/testkit';
import { gauss, uniform } from './augment.ts';

/**
 * Whole synthesized expressions with their true grouping: random layouts (a row of
 * symbols, fractions, scripts, radicals, brackets) written with symbol samples from the
 * training synthesizer at handwriting-like sizes, spacing, baselines and jitter. Training
 * data for the stroke-boundary model (`symbols/boundary.ts`); permissive sources only,
 * since every symbol comes from `Synthesizer.sample`. y grows downwards; the digit height
 * of the main line is 1.
 */
type Pt = [number, number];

/** One synthesized expression: strokes in writing order and the symbol of each stroke. */
export interface SynthesizedExpression {
  strokes: Pt[][];
  /** `symbolOf[i]`: index (in writing order) of the symbol that stroke i belongs to. */
  symbolOf: number[];
  labels: string[];
}

type Sample = (label: string) => Pt[][];

/**
 * Vertical extent of each kind of symbol, as (top, bottom) relative to the baseline in
 * digit heights (y down: the top of a digit is −1). Letters without ascenders are about
 * 0.6 tall; descenders reach 0.3 below; operators sit around the maths axis (−0.35).
 */
const EXTENT: Record<string, [number, number]> = {
  digit: [-1, 0],
  tall: [-1, 0],
  small: [-0.62, 0],
  descender: [-0.62, 0.3],
  operator: [-0.62, -0.08],
  bracket: [-1.15, 0.2],
};
const TALL = new Set([...'bdfhklt', '\\beta', '\\theta', '/']);
const DESCENDERS = new Set([...'gjpqy']);
const OPERATORS = new Set(['+', '\\times', '\\div', '=', '\\neq', '\\lt', '\\gt', '\\leq']);
const BRACKETS = new Set(['(', ')', '[', ']', '|']);

function kindOf(label: string): keyof typeof EXTENT {
  if (/^[0-9]$/.test(label)) return 'digit';
  if (TALL.has(label)) return 'tall';
  if (DESCENDERS.has(label)) return 'descender';
  if (OPERATORS.has(label) || label === '\\geq' || label === '\\pm') return 'operator';
  if (BRACKETS.has(label)) return 'bracket';
  return 'small';
}

/**
 * What a row is drawn from. Digits and x dominate school maths; the rest is spread over
 * the core vocabulary (weights are repeats in the list).
 */
const OPERANDS = [...'0123456789012345678901234567890123456789', ...'xxxxxyyzabcdnt', '\\pi'];
const INFIX = ['+', '+', '+', '-', '-', '-', '=', '=', '\\times', '\\div', '\\lt', '\\gt'];
const RARE_INFIX = ['\\leq', '\\geq', '\\neq', '\\pm', '/'];

/** How a writer spaces and sizes symbols; drawn once per expression. */
interface Hand {
  /** Gap between neighbours, in digit heights. */
  gap: number;
  /** Baseline wobble per symbol and drift over the line (slope). */
  wobble: number;
  slope: number;
  /** Spread (log-normal) of each symbol's size. */
  sizeSpread: number;
}

/** A laid-out piece: its strokes (grouped by symbol) and its box. */
interface Piece {
  symbols: { label: string; strokes: Pt[][] }[];
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

const empty = (x: number): Piece => ({ symbols: [], minX: x, maxX: x, minY: 0, maxY: 0 });

function bounds(strokes: Pt[][]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of strokes)
    for (const [x, y] of s) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  return { minX, minY, maxX, maxY };
}

/** Moves and scales `strokes` so their box has the given left, top and height (or width). */
function place(strokes: Pt[][], left: number, top: number, scale: number): Pt[][] {
  const b = bounds(strokes);
  return strokes.map((s) =>
    s.map(([x, y]): Pt => [left + (x - b.minX) * scale, top + (y - b.minY) * scale]),
  );
}

function addPiece(row: Piece, piece: Piece): void {
  row.symbols.push(...piece.symbols);
  if (piece.symbols.length === 0) return;
  const first = row.symbols.length === piece.symbols.length;
  row.minX = Math.min(row.minX, piece.minX);
  row.maxX = Math.max(row.maxX, piece.maxX);
  row.minY = first ? piece.minY : Math.min(row.minY, piece.minY);
  row.maxY = first ? piece.maxY : Math.max(row.maxY, piece.maxY);
}

/** Widths of marks that a height does not size, in digit heights. */
const MINUS_WIDTH: [number, number] = [0.45, 0.8];
const DOT_SIZE: [number, number] = [0.05, 0.14];
/** A script is this much of its base's size, and a fraction's parts this much of the line's. */
const SCRIPT_SCALE: [number, number] = [0.5, 0.75];
const FRACTION_SCALE: [number, number] = [0.75, 1];

class Layout {
  private readonly r: Random;
  private readonly sample: Sample;
  private readonly hand: Hand;

  constructor(r: Random, sample: Sample) {
    this.r = r;
    this.sample = sample;
    this.hand = {
      gap: uniform(r, 0.03, 0.5),
      wobble: uniform(r, 0.02, 0.1),
      slope: gauss(r) * 0.03,
      sizeSpread: uniform(r, 0.03, 0.15),
    };
  }

  /** One symbol with its left edge at `x` on the baseline `base`, at size `size`. */
  symbol(label: string, x: number, base: number, size: number): Piece {
    const { r, hand } = this;
    const ink = this.sample(label);
    const b = bounds(ink);
    const w = Math.max(b.maxX - b.minX, 1e-6);
    const h = Math.max(b.maxY - b.minY, 1e-6);
    const s = size * Math.exp(gauss(r) * hand.sizeSpread);
    const y = base + gauss(r) * hand.wobble * size + hand.slope * x;
    let scale: number;
    let top: number;
    if (label === '-') {
      scale = (uniform(r, ...MINUS_WIDTH) * s) / w;
      top = y - 0.35 * s - (h * scale) / 2;
    } else if (label === '.' || label === ',') {
      scale = (uniform(r, ...DOT_SIZE) * s * (label === ',' ? 2.5 : 1)) / Math.max(w, h);
      top = y - h * scale * (label === ',' ? 0.4 : 1);
    } else {
      const [t, bottom] = EXTENT[kindOf(label)] as [number, number];
      scale = ((bottom - t) * s) / h;
      top = y + t * s;
    }
    const strokes = place(ink, x, top, scale);
    const pb = bounds(strokes);
    return { symbols: [{ label, strokes }], ...pb };
  }

  /** A row of `n` items starting at `x`, alternating operands and operators. */
  row(n: number, x: number, base: number, size: number, depth: number): Piece {
    const { r } = this;
    const out = empty(x);
    let cursor = x;
    for (let i = 0; i < n; i++) {
      const operand = i % 2 === 0 || r.chance(0.3);
      const piece = operand
        ? this.operand(cursor, base, size, depth)
        : this.symbol(r.chance(0.1) ? r.pick(RARE_INFIX) : r.pick(INFIX), cursor, base, size);
      addPiece(out, piece);
      cursor = piece.maxX + this.gapAfter(size);
    }
    return out;
  }

  private gapAfter(size: number): number {
    return (this.hand.gap * uniform(this.r, 0.3, 1.7) - 0.04) * size;
  }

  /** A number, letter, script, fraction, radical or bracketed row. */
  private operand(x: number, base: number, size: number, depth: number): Piece {
    const { r } = this;
    const nested = depth < 2;
    const u = r.next();
    if (nested && u < 0.12) return this.fraction(x, base, size, depth);
    if (nested && u < 0.3) return this.scripted(x, base, size, depth);
    if (nested && u < 0.38) return this.radical(x, base, size, depth);
    if (nested && u < 0.46) return this.bracketed(x, base, size, depth);
    // A number of 1–3 digits, or a letter, with an occasional decimal point.
    const out = empty(x);
    const digits = r.chance(0.7) ? 1 + Math.floor(r.next() * 3) : 1;
    let cursor = x;
    for (let i = 0; i < digits; i++) {
      const label = i === 0 ? r.pick(OPERANDS) : r.pick([...'0123456789']);
      const piece =
        i > 0 && r.chance(0.06)
          ? this.symbol('.', cursor, base, size)
          : this.symbol(label, cursor, base, size);
      addPiece(out, piece);
      // Digits of one number sit closer than symbols across an operator.
      cursor = piece.maxX + this.gapAfter(size) * 0.6;
    }
    return out;
  }

  private scripted(x: number, base: number, size: number, depth: number): Piece {
    const { r } = this;
    const out = this.symbol(r.pick(OPERANDS), x, base, size);
    const s = size * uniform(r, ...SCRIPT_SCALE);
    const up = r.chance(0.8);
    const scriptBase = up
      ? out.minY + s * uniform(r, 0.1, 0.5)
      : base + s * uniform(r, 0.1, 0.5) - (out.maxY - out.minY) * 0.1;
    const script = this.row(
      r.chance(0.7) ? 1 : 3,
      out.maxX + gauss(r) * 0.05 * size + 0.05 * size,
      scriptBase,
      s,
      depth + 1,
    );
    addPiece(out, script);
    return out;
  }

  private fraction(x: number, base: number, size: number, depth: number): Piece {
    const { r } = this;
    const s = size * uniform(r, ...FRACTION_SCALE);
    const axis = base - 0.35 * size;
    const gap = uniform(r, 0.08, 0.35) * size;
    const num = this.row(1 + 2 * Math.floor(r.next() * 2), 0, 0, s, depth + 1);
    const den = this.row(1 + 2 * Math.floor(r.next() * 2), 0, 0, s, depth + 1);
    const width = Math.max(num.maxX - num.minX, den.maxX - den.minX) * uniform(r, 1.05, 1.4);
    const barInk = this.sample('-');
    const bb = bounds(barInk);
    const scale = width / Math.max(bb.maxX - bb.minX, 1e-6);
    const barTop = axis - ((bb.maxY - bb.minY) * scale) / 2;
    const bar = place(barInk, x, barTop, scale);
    const shift = (p: Piece, dx: number, dy: number): Piece['symbols'] =>
      p.symbols.map((sym) => ({
        label: sym.label,
        strokes: sym.strokes.map((st) => st.map(([px, py]): Pt => [px + dx, py + dy])),
      }));
    const centre = (p: Piece): number =>
      x + width / 2 - (p.maxX - p.minX) / 2 - p.minX + gauss(r) * 0.05 * width;
    const top = shift(num, centre(num), barTop - gap - num.maxY);
    const bottom = shift(den, centre(den), barTop + gap - den.minY);
    const barSymbol = { label: '-', strokes: bar };
    // Most write the numerator, the bar, then the denominator; some draw the bar first.
    const order = r.chance(0.7)
      ? [...top, barSymbol, ...bottom]
      : r.chance(0.6)
        ? [barSymbol, ...top, ...bottom]
        : [...top, ...bottom, barSymbol];
    return { symbols: order, ...bounds(order.flatMap((o) => o.strokes)) };
  }

  private radical(x: number, base: number, size: number, depth: number): Piece {
    const { r } = this;
    const inner = this.row(r.chance(0.6) ? 1 : 3, x + 0.5 * size, base, size * 0.9, depth + 1);
    const ink = this.sample('\\sqrt');
    const b = bounds(ink);
    const w = inner.maxX - x + uniform(r, 0.05, 0.3) * size;
    const h = inner.maxY - inner.minY + uniform(r, 0.15, 0.4) * size;
    const sx = w / Math.max(b.maxX - b.minX, 1e-6);
    const sy = h / Math.max(b.maxY - b.minY, 1e-6);
    const top = inner.minY - uniform(r, 0.1, 0.3) * size;
    const root = ink.map((s) =>
      s.map(([px, py]): Pt => [x + (px - b.minX) * sx, top + (py - b.minY) * sy]),
    );
    const symbols = [{ label: '\\sqrt', strokes: root }, ...inner.symbols];
    return { symbols, ...bounds(symbols.flatMap((o) => o.strokes)) };
  }

  private bracketed(x: number, base: number, size: number, depth: number): Piece {
    const { r } = this;
    const [open, close] = r.chance(0.85) ? ['(', ')'] : ['[', ']'];
    const out = this.symbol(open, x, base, size);
    const inner = this.row(3, out.maxX + this.gapAfter(size) * 0.7, base, size, depth + 1);
    addPiece(out, inner);
    addPiece(out, this.symbol(close, inner.maxX + this.gapAfter(size) * 0.7, base, size));
    return out;
  }
}

/** Items in the main row (odd: operand, operator, operand, …). */
const ROW_ITEMS: [number, number] = [1, 9];

/** One expression, deterministic given `r`; `sample` draws one augmented symbol. */
export function synthesizeExpression(r: Random, sample: Sample): SynthesizedExpression {
  const layout = new Layout(r, sample);
  const items = ROW_ITEMS[0] + 2 * Math.floor(r.next() * ((ROW_ITEMS[1] - ROW_ITEMS[0]) / 2 + 1));
  const row = layout.row(items, 0, 0, 1, 0);
  const strokes: Pt[][] = [];
  const symbolOf: number[] = [];
  row.symbols.forEach((sym, i) => {
    for (const s of sym.strokes) {
      strokes.push(s);
      symbolOf.push(i);
    }
  });
  return { strokes, symbolOf, labels: row.symbols.map((s) => s.label) };
}
