import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hfmath } from 'hfmath';

/**
 * Symbol prototypes from the Hershey fonts: `hersheytext` (MIT) and `hfmath` (ISC), both
 * public-domain Hershey glyph data. Used only by the training script.
 */
type Pt = [number, number];
const require = createRequire(import.meta.url);

interface HersheyFont {
  chars: { d: string; o: number }[];
}

/** hersheytext fonts we take glyphs from (single-stroke and "duplex" outline faces). */
const HERSHEY_FONTS = ['futural', 'futuram', 'scripts', 'timesr', 'timesi'];

/** Hershey faces with Greek letters (single-stroke and Times-like). */
const GREEK_FONTS = ['greek', 'timesg'];
/**
 * The Latin key of a Greek label in those faces. θ takes the capital (an oval with a bar,
 * as most people write the small one); the faces' small θ is the cursive ϑ.
 */
const GREEK_KEYS: Readonly<Record<string, string>> = {
  '\\pi': 'p',
  '\\alpha': 'a',
  '\\beta': 'b',
  '\\theta': 'Q',
  '\\sum': 'S',
};

/** The character to draw for a label in a text font (null: not in text fonts). */
function textChar(label: string): string | null {
  if (label === '\\lt') return '<';
  if (label === '\\gt') return '>';
  if (label.length === 1) return label;
  return null;
}

/** The LaTeX that hfmath draws for a label. */
function hfmathLatex(label: string): string {
  if (label === '\\sqrt') return '\\sqrt{}';
  if (label === '\\lt') return '<';
  if (label === '\\gt') return '>';
  return label;
}

function parsePath(d: string): Pt[][] {
  const strokes: Pt[][] = [];
  for (const part of d.split('M')) {
    const nums = part
      .replace('L', ' ')
      .trim()
      .split(/[\s,]+/)
      .filter((x) => x !== '')
      .map(Number);
    const pts: Pt[] = [];
    for (let i = 0; i + 1 < nums.length; i += 2)
      pts.push([nums[i] as number, nums[i + 1] as number]);
    if (pts.length > 0) strokes.push(pts);
  }
  return strokes;
}

let fontCache: Record<string, HersheyFont> | null = null;
function fonts(): Record<string, HersheyFont> {
  if (!fontCache) {
    const path = require.resolve('hersheytext/hersheytext.json');
    fontCache = JSON.parse(readFileSync(path, 'utf8')) as Record<string, HersheyFont>;
  }
  return fontCache;
}

/** All font prototypes for a label: each a list of strokes. */
export function fontPrototypes(label: string): Pt[][][] {
  const out: Pt[][][] = [];
  const ch = textChar(label);
  const all = fonts();
  if (ch !== null) {
    for (const name of HERSHEY_FONTS) {
      const glyph = all[name]?.chars[ch.charCodeAt(0) - 33];
      if (glyph) out.push(parsePath(glyph.d));
    }
  }
  // Greek from the Hershey Greek faces, which put each letter on a Latin key.
  const key = GREEK_KEYS[label];
  if (key !== undefined) {
    for (const face of GREEK_FONTS) {
      const g = all[face]?.chars[key.charCodeAt(0) - 33];
      if (g) out.push(parsePath(g.d));
    }
  }
  try {
    const lines = new hfmath(hfmathLatex(label)).polylines();
    const strokes = lines.map((l) => l.map((p) => [p[0] ?? 0, p[1] ?? 0] as Pt));
    if (strokes.length > 0) out.push(strokes);
  } catch {
    // hfmath does not know this label: the other sources cover it.
  }
  return out.filter((s) => s.some((st) => st.length > 0));
}
