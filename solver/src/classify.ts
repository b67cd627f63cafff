/**
 * What a read problem is called: its text (the `normalized` key, read back by the re-check)
 * and its classification before solving.
 */
import { calculusClass } from './calculus.ts';
import { calculusText } from './calculus-read.ts';
import { embeddedText } from './embedded.ts';
import type { EmbeddedPart } from './embedded.ts';
import { classifyEquation } from './equation.ts';
import { hasI, hasRoot, hasTrigValue } from './exact.ts';
import { freeVars } from './expr.ts';
import type { Expr } from './expr.ts';
import { hasLogValue } from './log-values.ts';
import { shouldDivide } from './polynomial-division.ts';
import { equationText, toText } from './print.ts';
import type { Problem } from './read.ts';
import { clausesText } from './statements.ts';
import { curriculumClass } from './topics.ts';
import type { Classification } from './types.ts';
import { systemMeaning } from './verify.ts';

export function problemText(p: Problem): string {
  switch (p.kind) {
    case 'expression':
      if (p.command === 'complete-the-square') return `complete the square ${toText(p.expr)}`;
      if (p.command === 'long-division' || p.command === 'synthetic-division')
        return `${p.command.replace('-', ' ')} ${toText(p.expr)}`;
      return p.command === 'evaluate-numbers' ? toText(p.expr) : `${p.command}(${toText(p.expr)})`;
    case 'evaluate':
      return `${toText(p.expr)} where ${[...p.values].map(([k, v]) => `${k} = ${toText(v)}`).join(', ')}`;
    case 'derivative':
      return `derivative(${toText(p.expr)}, ${p.v})`;
    case 'equation':
    case 'inequality':
      return equationText(p.eq);
    case 'system':
      return p.eqs.map(equationText).join('; ');
    case 'check':
      return equationText(p.eq);
    case 'statements':
      return clausesText(p.clauses);
    case 'calculus':
      return calculusText(p.problem);
    case 'embedded':
      return embeddedText(p.expr, p.parts, calculusText);
  }
}

/** Numbers beyond fractions: complex, exact trig values, square roots that do not come out. */
export function exactKind(
  e: Expr,
): 'radicals' | 'complex-numbers' | 'trig-values' | 'logarithm-values' | null {
  if (freeVars(e).size > 0) return null;
  if (hasI(e)) return 'complex-numbers';
  if (hasLogValue(e)) return 'logarithm-values';
  if (hasTrigValue(e)) return 'trig-values';
  if (hasRoot(e)) return 'radicals';
  return null;
}

export function initialClassification(p: Problem): Classification {
  if (p.kind === 'expression' && p.command !== 'factor') {
    const k = exactKind(p.expr);
    if (k !== null) return k;
  }
  switch (p.kind) {
    case 'expression':
      if (p.command === 'long-division' || p.command === 'synthetic-division')
        return 'polynomial-division';
      if (p.command === 'simplify' && shouldDivide(p.expr)) return 'polynomial-division';
      return p.command === 'evaluate-numbers' ? 'arithmetic' : p.command;
    case 'evaluate':
      return 'evaluate';
    case 'derivative':
      return 'derivative';
    case 'equation':
      return curriculumClass(p.eq, p.v) ?? classifyEquation(p.eq, p.v);
    case 'inequality':
      return curriculumClass(p.eq, p.v) ?? 'linear-inequality';
    case 'statements':
      return 'compound-inequality';
    case 'calculus':
      return calculusClass(p.problem);
    case 'embedded':
      return calculusClass((p.parts[0] as EmbeddedPart).problem);
    case 'system':
      return systemMeaning(p.eqs, p.vars) === null ? 'nonlinear-system' : 'linear-system';
    case 'check':
      return 'arithmetic';
  }
}
