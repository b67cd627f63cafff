/**
 * The part of opentype.js (2.x ships no type declarations; `@types/opentype.js` describes
 * 1.x) that the font tracer uses.
 */
declare module 'opentype.js' {
  export type PathCommand =
    | { type: 'M' | 'L'; x: number; y: number }
    | { type: 'Q'; x1: number; y1: number; x: number; y: number }
    | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
    | { type: 'Z' };
  export interface Glyph {
    index: number;
    getPath(x: number, y: number, fontSize: number): { commands: PathCommand[] };
  }
  export interface Font {
    unitsPerEm: number;
    charToGlyph(ch: string): Glyph | null;
  }
  const opentype: { parse(buffer: ArrayBuffer): Font };
  export default opentype;
}
