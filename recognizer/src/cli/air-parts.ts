/**
 * The writer-disjoint halves of the air-writing development data, shared by `air-pick`
 * (which expressions to turn into air-writing) and `air-eval` (which records to score).
 */

/** FNV-1a: a stable hash, so a writer's part never depends on file order. */
export function fnv1a(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

export type AirPart = 'dev' | 'test';

/** Writers with an even hash form the development part, the others the test part. */
export function airPartOf(writer: string): AirPart {
  return fnv1a(writer) % 2 === 0 ? 'dev' : 'test';
}
