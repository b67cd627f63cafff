/**
 * Systems of 2 or 3 linear equations by elimination: scale two equations so one variable
 * has matching coefficients, subtract to eliminate it, then substitute back.
 */
import { SolverError, unsupported } from './errors.ts';
import { eq, num, rat, sub, sumOf, sym } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { isPolynomial, pDegree, pVars, termExpr, toRational } from './poly.ts';
import { toLatex } from './print.ts';
import { bigAbs, bigGcd, bigLcm, isZero, q, ZERO } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';
import { systemMeaning } from './verify.ts';

/** Row: integer coefficients per variable, then the right-hand side. */
type Row = bigint[];

function rowsOf(eqs: readonly Equation[], vars: readonly string[]): Row[] {
  return eqs.map((e) => {
    const single = systemRow(e, vars);
    if (single === null) throw unsupported('Only linear equations can be solved as a system');
    return single;
  });
}

function systemRow(e: Equation, vars: readonly string[]): Row | null {
  const r = toRational(sub(e.lhs, e.rhs));
  if (r === null || !isPolynomial(r) || pDegree(r.num) > 1) return null;
  if (pVars(r.num).some((x) => !vars.includes(x))) return null;
  const coefs: Q[] = vars.map((x) => r.num.get(`${x}^1`)?.coef ?? ZERO);
  const k = r.num.get('')?.coef;
  coefs.push(k ? k.neg() : ZERO);
  let l = 1n;
  for (const c of coefs) l = bigLcm(l, c.d);
  let ints = coefs.map((c) => (c.s * c.n * l) / c.d);
  let g = 0n;
  for (const x of ints) g = bigGcd(g, x);
  if (g > 1n) ints = ints.map((x) => x / g);
  // Make the first non-zero coefficient positive, as people write it.
  const lead = ints.slice(0, vars.length).find((x) => x !== 0n);
  if (lead !== undefined && lead < 0n) ints = ints.map((x) => -x);
  return ints;
}

function rowEquation(row: Row, vars: readonly string[]): Equation {
  const terms: Expr[] = [];
  vars.forEach((v, i) => {
    const c = row[i] as bigint;
    if (c !== 0n) terms.push(termExpr(q(c), [[v, 1]]));
  });
  const rhs = row[vars.length] as bigint;
  return eq(terms.length ? sumOf(terms) : num(0), rat(q(rhs)));
}

const show = (rows: readonly Row[], vars: readonly string[]): Equation[] =>
  rows.map((r) => rowEquation(r, vars));

function normalizeRow(row: Row): { row: Row; by: bigint } {
  let g = 0n;
  for (const x of row) g = bigGcd(g, x);
  if (g <= 1n) return { row, by: 1n };
  return { row: row.map((x) => x / g), by: g };
}

export interface SystemSolution {
  readonly values: ReadonlyMap<string, Q>;
}

export function solveSystemSteps(
  input: readonly Equation[],
  vars: readonly string[],
  trail: Trail,
): SystemSolution {
  const n = vars.length;
  if (input.length !== n || n < 2 || n > 3) {
    throw unsupported(
      `Systems need as many equations as unknowns (2 or 3); got ${input.length} equations in ${n} unknowns`,
    );
  }
  trail.system(input, vars, 'Start with the system of equations.', 'start');
  const rows = rowsOf(input, vars);
  const standard = show(rows, vars);
  if (
    standard.map((e) => toLatex(e.lhs) + toLatex(e.rhs)).join() !==
    input.map((e) => toLatex(e.lhs) + toLatex(e.rhs)).join()
  ) {
    trail.system(
      standard,
      vars,
      `Write each equation in the form ${vars.map((v, i) => `${'abc'[i]}${v}`).join(' + ')} = d, with whole numbers.`,
      'standard-form',
    );
  }
  // Forward elimination.
  for (let col = 0; col < n; col++) {
    let piv = -1;
    for (let r = col; r < n; r++)
      if ((rows[r] as Row)[col] !== 0n) {
        piv = r;
        break;
      }
    if (piv < 0) continue;
    if (piv !== col) {
      [rows[col], rows[piv]] = [rows[piv] as Row, rows[col] as Row];
      trail.system(
        show(rows, vars),
        vars,
        'Swap the order of the equations so the next one contains ' + `$${vars[col]}$.`,
        'reorder',
      );
    }
    for (let r = col + 1; r < n; r++) {
      const a = (rows[col] as Row)[col] as bigint;
      const b = (rows[r] as Row)[col] as bigint;
      if (b === 0n) continue;
      const l = bigLcm(a, b);
      let fa = (l / bigAbs(a)) * (a < 0n ? -1n : 1n);
      let fb = (l / bigAbs(b)) * (b < 0n ? -1n : 1n);
      if (fb < 0n) {
        fa = -fa;
        fb = -fb;
      }
      const next = (rows[r] as Row).map((x, j) => x * fb - ((rows[col] as Row)[j] as bigint) * fa);
      const scale = (f: bigint, k: number): string =>
        f === 1n ? `equation (${k + 1})` : `${f} × equation (${k + 1})`;
      const combo =
        fa < 0n
          ? `${scale(fb, r)} plus ${scale(-fa, col)}`
          : `${scale(fb, r)} minus ${scale(fa, col)}`;
      rows[r] = next;
      trail.system(
        show(rows, vars),
        vars,
        `Eliminate $${vars[col]}$: take ${combo}, so the $${vars[col]}$ terms cancel.`,
        'eliminate',
      );
      const { row: reduced, by: g } = normalizeRow(next);
      // Divide by the common factor, with the sign that makes the first coefficient positive.
      const lead = reduced.slice(0, n).find((x) => x !== 0n) ?? 1n;
      const by = lead < 0n ? -g : g;
      const row = lead < 0n ? reduced.map((x) => -x) : reduced;
      if (g > 1n) {
        rows[r] = row;
        trail.system(
          show(rows, vars),
          vars,
          `Divide equation (${r + 1}) by ${by} to keep the numbers small.`,
          'divide-equation',
        );
      }
      if (row.slice(0, n).every((x) => x === 0n)) {
        if (row[n] === 0n)
          throw new SolverError(
            'infinitely-many',
            'Infinitely many solutions: the equations describe the same line (or plane)',
          );
        throw new SolverError(
          'no-solution',
          `No solution: elimination gives 0 = ${row[n]}, which is false`,
        );
      }
    }
  }
  // A variable without a pivot: the equations do not pin down every unknown.
  if (rows.some((row, i) => row[i] === 0n)) {
    const meaning = systemMeaning(show(rows, vars), vars);
    if (meaning?.kind === 'none')
      throw new SolverError('no-solution', 'No solution: the equations contradict each other');
    throw new SolverError(
      'infinitely-many',
      'Infinitely many solutions: the equations do not fix every unknown',
    );
  }
  // Back substitution.
  const values = new Map<string, Q>();
  const current: Equation[] = show(rows, vars);
  for (let col = n - 1; col >= 0; col--) {
    const row = rows[col] as Row;
    let rhs = q(row[n] as bigint);
    for (let j = col + 1; j < n; j++)
      rhs = rhs.sub(q(row[j] as bigint).mul(values.get(vars[j] as string) as Q));
    const a = q(row[col] as bigint);
    if (isZero(a)) throw unsupported('This system is degenerate');
    const known = vars.slice(col + 1);
    if (known.length > 0) {
      const substituted = eq(termExpr(a, [[vars[col] as string, 1]]), rat(rhs));
      current[col] = substituted;
      trail.system(
        current.slice(),
        vars,
        `Substitute ${known.map((v) => `$${v} = ${toLatex(rat(values.get(v) as Q))}$`).join(' and ')} into equation (${col + 1}) and simplify.`,
        'substitute',
      );
    }
    const value = rhs.div(a);
    values.set(vars[col] as string, value);
    if (!a.equals(q(1))) {
      current[col] = eq(sym(vars[col] as string), rat(value));
      trail.system(
        current.slice(),
        vars,
        `Divide both sides by $${toLatex(rat(a))}$ to find $${vars[col]}$.`,
        'divide-both-sides',
      );
    } else current[col] = eq(sym(vars[col] as string), rat(value));
  }
  const final = vars.map((v) => eq(sym(v), rat(values.get(v) as Q)));
  if (current.some((e, i) => toLatex(e.lhs) !== toLatex((final[i] as Equation).lhs))) {
    trail.system(final, vars, 'Collect the values.', 'answer');
  }
  return { values };
}
