/** Reading answers back (for checks, the benchmark and the model path). */
import { evalC } from './numeric.ts';
import type { C } from './numeric.ts';
import { parseEquation } from './parse.ts';

/** `x = 2; x = 3` → [{x: 2}, {x: 3}] as complex numbers; `x = 1; y = 2` → one assignment each. */
export function answerAssignments(mathjs: string): { name: string; value: C }[] {
  return mathjs
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const e = parseEquation(s);
      if (e.lhs.k !== 'sym' || e.rel !== '=') throw new Error(`Not an assignment: ${s}`);
      return { name: e.lhs.name, value: evalC(e.rhs, new Map()) };
    });
}
