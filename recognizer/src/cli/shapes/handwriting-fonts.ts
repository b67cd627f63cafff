import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import opentype from 'opentype.js';
import type { Font } from 'opentype.js';
import { fillPolygons, simplify, smooth, thin, traceSkeleton } from './skeleton.ts';

/**
 * Symbol prototypes from handwriting fonts on npm (`@fontsource/*`, each OFL-1.1 or
 * Apache-2.0: the licence of every family is checked when it is loaded, see
 * `HANDWRITING_FONTS` and the table in the README). Each glyph's outline is filled,
 * thinned to its centre line and traced into pen strokes (skeleton.ts). Used only by the
 * training script.
 */
type Pt = [number, number];
const require = createRequire(import.meta.url);

/** The families used, as `@fontsource/<name>` packages (devDependencies of the recognizer). */
export const HANDWRITING_FONTS = [
  'annie-use-your-telescope',
  'architects-daughter',
  'caveat',
  'covered-by-your-grace',
  'delius',
  'gloria-hallelujah',
  'gochi-hand',
  'handlee',
  'homemade-apple',
  'indie-flower',
  'itim',
  'kalam',
  'nanum-pen-script',
  'neucha',
  'patrick-hand',
  'permanent-marker',
  'reenie-beanie',
  'rock-salt',
  'schoolbell',
  'shadows-into-light',
  'short-stack',
  'sriracha',
  'sue-ellen-francisco',
  'swanky-and-moo-moo',
  'the-girl-next-door',
] as const;

/** Licences a font may have to be used for what ships. */
const PERMISSIVE = new Set(['OFL-1.1', 'Apache-2.0']);

/** Rendering size of a glyph's larger side in pixels before thinning. */
const RASTER_SIZE = 64;
/** Margin around the glyph (pixels), so thinning sees background on every side. */
const MARGIN = 3;
/** Curves are flattened into this many segments (enough at 64 px). */
const CURVE_STEPS = 8;
/** Pixel paths are simplified to this tolerance (pixels) after smoothing. */
const SIMPLIFY_TOLERANCE = 0.7;

/** The character(s) a label is drawn with in a text font, first found wins. */
const CHARS: Record<string, string[]> = {
  '-': ['\u2212', '-'],
  '\\times': ['\u00d7'],
  '\\div': ['\u00f7'],
  '\\pm': ['\u00b1'],
  '\\neq': ['\u2260'],
  '\\lt': ['<'],
  '\\gt': ['>'],
  '\\leq': ['\u2264'],
  '\\geq': ['\u2265'],
  '\\sqrt': ['\u221a'],
  '\\pi': ['\u03c0'],
};

interface Family {
  name: string;
  licence: string;
  faces: Font[];
}

let familiesCache: Family[] | null = null;

/** Every family's regular (400) faces, all subsets; throws on a non-permissive licence. */
export function handwritingFamilies(): Family[] {
  if (familiesCache) return familiesCache;
  familiesCache = HANDWRITING_FONTS.map((name) => {
    const dir = dirname(require.resolve(`@fontsource/${name}/package.json`));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { license?: string };
    const licence = pkg.license ?? '';
    if (!PERMISSIVE.has(licence))
      throw new Error(`@fontsource/${name} is ${licence}, not permissive`);
    const files = readdirSync(join(dir, 'files'))
      .filter((f) => f.endsWith('-400-normal.woff'))
      .sort();
    const faces = files.map((f) => {
      const sfnt = woffToSfnt(readFileSync(join(dir, 'files', f)));
      return opentype.parse(Uint8Array.from(sfnt).buffer);
    });
    return { name, licence, faces };
  });
  return familiesCache;
}

/**
 * WOFF 1 → plain sfnt (TrueType/CFF). opentype.js reads WOFF itself, but its bundled
 * inflate rejects some of these files ("Data error"); Node's zlib reads them all.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('Not a WOFF file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((d) =>
      woff.readUInt32BE(e + d),
    ) as [number, number, number, number, number];
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag, checksum, data: compLength < origLength ? inflateSync(raw) : raw });
  }
  const pad = (n: number): number => (n + 3) & ~3;
  let size = 12 + 16 * numTables;
  for (const t of tables) size += pad(t.data.length);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  const entrySelector = Math.floor(Math.log2(numTables));
  out.writeUInt16BE(16 * 2 ** entrySelector, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - 16 * 2 ** entrySelector, 10);
  let offset = 12 + 16 * numTables;
  tables.forEach((t, i) => {
    const e = 12 + 16 * i;
    out.writeUInt32BE(t.tag, e);
    out.writeUInt32BE(t.checksum, e + 4);
    out.writeUInt32BE(offset, e + 8);
    out.writeUInt32BE(t.data.length, e + 12);
    t.data.copy(out, offset);
    offset += pad(t.data.length);
  });
  return out;
}

/** A glyph's outline as closed polygons (y down), or null when no face has the char. */
export function glyphOutline(faces: readonly Font[], ch: string): Pt[][] | null {
  for (const face of faces) {
    const glyph = face.charToGlyph(ch);
    if (!glyph || glyph.index === 0) continue;
    const polys: Pt[][] = [];
    let cur: Pt[] = [];
    let last: Pt = [0, 0];
    for (const c of glyph.getPath(0, 0, 100).commands) {
      if (c.type === 'M') {
        if (cur.length > 2) polys.push(cur);
        cur = [[c.x, c.y]];
      } else if (c.type === 'L') cur.push([c.x, c.y]);
      else if (c.type === 'Q' || c.type === 'C')
        for (let k = 1; k <= CURVE_STEPS; k++) {
          const t = k / CURVE_STEPS;
          const u = 1 - t;
          if (c.type === 'Q')
            cur.push([
              u * u * last[0] + 2 * u * t * c.x1 + t * t * c.x,
              u * u * last[1] + 2 * u * t * c.y1 + t * t * c.y,
            ]);
          else
            cur.push([
              u * u * u * last[0] + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x,
              u * u * u * last[1] + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y,
            ]);
        }
      else if (c.type === 'Z') {
        if (cur.length > 2) polys.push(cur);
        cur = [];
      }
      if (c.type !== 'Z') last = [c.x, c.y];
    }
    if (cur.length > 2) polys.push(cur);
    if (polys.length > 0) return polys;
  }
  return null;
}

/**
 * Pen strokes of a filled outline: scaled so its larger side is RASTER_SIZE pixels,
 * filled, thinned, traced, smoothed and simplified. Coordinates in pixels, y down.
 */
export function outlineToStrokes(polys: readonly Pt[][]): Pt[][] {
  const xs = polys.flat().map((p) => p[0]);
  const ys = polys.flat().map((p) => p[1]);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  const size = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY, 1e-6);
  const k = RASTER_SIZE / size;
  const placed = polys.map((poly) =>
    poly.map(([x, y]): Pt => [(x - minX) * k + MARGIN, (y - minY) * k + MARGIN]),
  );
  const w = Math.ceil((Math.max(...xs) - minX) * k) + 2 * MARGIN + 1;
  const h = Math.ceil((Math.max(...ys) - minY) * k) + 2 * MARGIN + 1;
  const skeleton = thin(fillPolygons(placed, w, h));
  return traceSkeleton(skeleton).map((s) =>
    s.length === 1 ? s : simplify(smooth(smooth(s)), SIMPLIFY_TOLERANCE),
  );
}

/** The label's character candidates in a text font. */
function charsOf(label: string): string[] {
  return CHARS[label] ?? (label.length === 1 ? [label] : []);
}

const protoCache = new Map<string, Pt[][][]>();

/** One traced prototype per family that has a glyph for the label. */
export function handwritingPrototypes(label: string): Pt[][][] {
  const cached = protoCache.get(label);
  if (cached) return cached;
  const out: Pt[][][] = [];
  for (const family of handwritingFamilies())
    for (const ch of charsOf(label)) {
      const outline = glyphOutline(family.faces, ch);
      if (!outline) continue;
      const strokes = outlineToStrokes(outline).filter((s) => s.length > 0);
      if (strokes.length > 0) out.push(strokes);
      break;
    }
  protoCache.set(label, out);
  return out;
}
