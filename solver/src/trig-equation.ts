/** Trig equations sin/cos/tan(p·x + q) = c at special values, with the general solution (k any integer). */
import { SolverError, unsupported } from './errors.ts';
import {
  add,
  div,
  eq,
  fn,
  freeVars,
  mul,
  neg,
  num,
  sameTree,
  sub,
  substitute,
  sym,
} from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { stepClauses } from './curriculum.ts';
import type { Outcome, SolveOne } from './curriculum.ts';
import { exactTrig, surdExpr, toSurd } from './exact.ts';
import { isolate, linearIn, partsWith, replace } from './isolate.ts';
import { parseEquation } from './parse.ts';
import { evalC } from './numeric.ts';
import { constValue, toRational, polyExpr } from './poly.ts';
import { equationLatex, toLatex, toText } from './print.ts';
import { isZero, ONE, q } from './q.ts';
import type { Q } from './q.ts';
import { OR_TEX } from './statements.ts';
import type { Trail } from './trail.ts';

const TRIG = new Set(['sin', 'cos', 'tan']);
const PI = sym('pi');
const K = sym('k');
/** Special angles are the multiples of π/12 in one turn (they include π/6, π/4, π/3, π/2). */
const STEPS_PER_TURN = 24;

export const hasTrigOf = (e: Equation, v: string): boolean =>
  partsWith(e.lhs, v, (x) => x.k === 'fn' && TRIG.has(x.name)).length +
    partsWith(e.rhs, v, (x) => x.k === 'fn' && TRIG.has(x.name)).length >
  0;

/** r·π as a teacher writes it: π/6, 5π/6, −π/2, 2π. */
function piExpr(r: Q): Expr {
  if (isZero(r)) return num(0);
  const a = r.abs();
  const top = a.n === 1n ? PI : mul(num(q(a.n)), PI);
  const body = a.d === 1n ? top : div(top, num(q(a.d)));
  return r.s < 0n ? neg(body) : body;
}

/** c·kπ: 2kπ, kπ, kπ/2. */
function kExpr(c: Q): Expr {
  const a = c.abs();
  const top = a.n === 1n ? mul(K, PI) : mul(mul(num(q(a.n)), K), PI);
  return a.d === 1n ? top : div(top, num(q(a.d)));
}

const general = (theta: Q, period: Q): Expr =>
  isZero(theta) ? kExpr(period) : add(piExpr(theta), kExpr(period));

/** The angle p·x + q0 + c·π, or null when it is not linear in x. */
interface Angle {
  readonly p: Q;
  readonly q0: Q;
  readonly c: Q;
}

function angleOf(a: Expr, v: string): Angle | null {
  const r = toRational(substitute(a, new Map([['pi', sym(PI_HOLE)]])));
  const d = r === null ? null : constValue(polyExpr(r.den));
  if (r === null || d === null) return null;
  let p = q(0);
  let q0 = q(0);
  let c = q(0);
  for (const t of r.num.values()) {
    const [only, ...more] = t.mono;
    if (more.length > 0 || (only !== undefined && only[1] !== 1)) return null;
    if (only === undefined) q0 = t.coef.div(d);
    else if (only[0] === v) p = t.coef.div(d);
    else if (only[0] === PI_HOLE) c = t.coef.div(d);
    else return null;
  }
  return isZero(p) ? null : { p, q0, c };
}

/** A stand-in for π while reading the angle as a polynomial. */
const PI_HOLE = 'pi_hole';
/** The unknown of the equation in the trig value alone (2u^2 - u - 1 = 0). */
const U = 'u';

interface Families {
  readonly roots: Expr[];
  readonly why: string;
}

/** Angles in one turn [0, 2π), as multiples of π, where name takes the value. */
function anglesFor(name: 'sin' | 'cos' | 'tan', value: Expr): Q[] {
  const c = evalC(value, new Map()).re;
  const out: Q[] = [];
  for (let n = 0; n < STEPS_PER_TURN; n++) {
    const t = q(n, STEPS_PER_TURN / 2);
    const ex = exactTrig(name, t);
    if (ex && Math.abs(evalC(ex.value, new Map()).re - c) < 1e-12) out.push(t);
  }
  if (out.length === 0)
    throw unsupported(
      `$${toLatex(value)}$ is not a value at a special angle (multiples of π/6 and π/4), so the solution has no simple exact form.`,
    );
  return out;
}

/**
 * The fewest families θ + k·P covering every angle: the largest turn fraction 2/n under
 * which the set of angles repeats (π/4, 3π/4, 5π/4, 7π/4 → π/4 + kπ/2; π/2, 3π/2 → π/2 + kπ).
 */
function fewestFamilies(angles: readonly Q[]): { reps: Q[]; period: Q } {
  const has = (t: Q): boolean => angles.some((a) => a.equals(t));
  const mod2 = (t: Q): Q => (t.compare(q(2)) >= 0 ? t.sub(q(2)) : t);
  for (let n = angles.length; n >= 1; n--) {
    const period = q(2, n);
    if (angles.every((a) => has(mod2(a.add(period)))))
      return { reps: angles.filter((a) => a.compare(period) < 0), period };
  }
  return { reps: [...angles], period: q(2) };
}

/** All x with name(angle) equal to one of the values (special values), as families, and why. */
function families(
  name: 'sin' | 'cos' | 'tan',
  part: Expr,
  angle: Angle,
  values: readonly Expr[],
  v: string,
): Families {
  const perValue = values.map((c) => ({ c, angles: anglesFor(name, c) }));
  const angles = [...perValue.flatMap((x) => x.angles)].sort((a, b) => a.compare(b));
  const { reps, period } = fewestFamilies(angles);
  const { p, q0, c: piShift } = angle;
  const at = perValue
    .map(
      (x) => `$${toLatex(x.c)}$ at ${x.angles.map((t) => `$${toLatex(piExpr(t))}$`).join(' and ')}`,
    )
    .join(', and ');
  const turn = toLatex(piExpr(name === 'tan' ? ONE : q(2)));
  const merged = period.equals(q(2))
    ? ''
    : `; the angles are $${toLatex(piExpr(period))}$ apart, so ${reps.length === 1 ? 'one family' : 'these families'} $+ ${toLatex(kExpr(period))}$ cover${reps.length === 1 ? 's' : ''} them all`;
  const why = `In one turn, $\\${name}$ is ${at}; it repeats every $${turn}$, so add whole turns ($k$ is any integer)${merged}.`;
  const isBare = p.equals(ONE) && isZero(q0) && isZero(piShift);
  if (isBare) return { roots: reps.map((t) => general(t, period)), why };
  // p·x + q0 + c·π = θ + k·P·π  →  x = (θ − c)π/p − q0/p + k·(P/p)·π
  const roots = reps.map((t) => {
    const per = period.div(p).abs();
    const shift = t.sub(piShift).div(p);
    const lin = q0.neg().div(p);
    const first = isZero(lin)
      ? piExpr(shift)
      : isZero(shift)
        ? numExpr(lin)
        : add(piExpr(shift), numExpr(lin));
    return isZero(shift) && isZero(lin) ? kExpr(per) : add(first, kExpr(per));
  });
  const angleText = toLatex((part as { a: Expr }).a);
  return {
    roots,
    why: `${why} With $${angleText} = ${reps.map((t) => toLatex(general(t, period))).join('$ or $')}$, solve for $${v}$${p.equals(ONE) ? '' : ` (divide by $${toLatex(numExpr(p))}$, the period too)`}.`,
  };
}

/** a·u + b = 0 with exact numbers a ≠ 0, b (√2·u + 1 = 0): u = −b/a in simplest surd form. */
function linearValue(inU: Expr): Expr | null {
  const at = (u: number): number => evalC(inU, new Map([[U, { re: u, im: 0 }]])).re;
  const b = at(0);
  const a = at(1) - b;
  if (!Number.isFinite(a) || Math.abs(a) < 1e-12 || Math.abs(at(2) - (2 * a + b)) > 1e-9)
    return null;
  const bExpr = substitute(inU, new Map([[U, num(0)]]));
  const aExpr = sub(substitute(inU, new Map([[U, num(1)]])), bExpr);
  const value = toSurd(div(neg(bExpr), aExpr));
  return value === null ? null : surdExpr(value);
}

/** name(angle) = value for each real value of the trig function the equation allows. */
function trigValues(
  input: Equation,
  part: Expr,
  v: string,
  trail: Trail,
  solveOne: SolveOne,
): Expr[] {
  const direct = input.lhs === part && freeVars(input.rhs).size === 0 ? input : null;
  const iso = isolate(input, part, v) ?? direct;
  if (iso !== null && freeVars(iso.rhs).size === 0) {
    if (equationLatex(iso) !== equationLatex(input))
      stepClauses(trail, [[iso]], v, `Isolate $${toLatex(part)}$ on one side.`, 'isolate');
    return [iso.rhs];
  }
  // An equation in the trig value alone (2sin^2 x − sin x − 1 = 0, sec x = 2): solve for
  // u = sin x first, then each sin x = value.
  const zeroRhs = constValue(input.rhs)?.n === 0n;
  const inU = replace(zeroRhs ? input.lhs : sub(input.lhs, input.rhs), part, sym(U));
  const others = [...freeVars(inU)].filter((x) => x !== U);
  if (others.length > 0 || freeVars(inU).size === 0)
    throw unsupported(
      'Write the trig equation with one sin, cos or tan of the unknown, like 2sin(x) = 1, 2cos^2(x) - 1 = 0 or sec(x) = 2.',
    );
  const linear = linearValue(inU);
  if (linear !== null) {
    stepClauses(
      trail,
      [[eq(part, linear)]],
      v,
      `Isolate $${toLatex(part)}$ on one side.`,
      'isolate',
    );
    return [linear];
  }
  const inner = solveOne(`${toText(inU)} = 0`);
  const noRealValue = (): never => {
    const why = `With $u = ${toLatex(part)}$, $${toLatex(inU)} = 0$ has no real solution, so neither has the equation.`;
    trail.note('\\text{no solution}', why, 'no-real-value', true);
    throw new SolverError('no-solution', `No solution: ${why}`);
  };
  if (inner.error?.code === 'no-solution') noRealValue();
  if (inner.status !== 'solved' || !inner.answer)
    throw unsupported(
      `As an equation in $u = ${toLatex(part)}$, $${toLatex(inU)} = 0$ could not be solved exactly. The solver handles equations of degree 1 or 2 in the trig value, like 2sin^2(x) - sin(x) - 1 = 0.`,
    );
  const values = inner.answer.mathjs
    .split(';')
    .map((s) => parseEquation(s.trim()).rhs)
    .filter((x) => Math.abs(evalC(x, new Map()).im) < 1e-12)
    .map((x) => {
      const surd = toSurd(x);
      return surd === null ? x : surdExpr(surd);
    });
  if (values.length === 0) noRealValue();
  stepClauses(
    trail,
    values.map((x) => [eq(part, x)]),
    v,
    `This is an equation in $${toLatex(part)}$ alone: with $u = ${toLatex(part)}$, $${toLatex(inU)} = 0$ gives ${values.map((x) => `$u = ${toLatex(x)}$`).join(' or ')}.`,
    'substitute-trig',
  );
  return values;
}

/**
 * a·sin θ + b·cos θ = 0 (sin x = cos x, √3 sin x − cos x = 0) → tan θ = −b/a; null for
 * anything else.
 */
function sinCosToTan(input: Equation, parts: readonly Expr[]): Equation | null {
  if (parts.length !== 2) return null;
  const sin = parts.find((x) => x.k === 'fn' && x.name === 'sin');
  const cos = parts.find((x) => x.k === 'fn' && x.name === 'cos');
  if (
    sin === undefined ||
    cos === undefined ||
    !sameTree((sin as { a: Expr }).a, (cos as { a: Expr }).a)
  )
    return null;
  const form = linearIn(sub(input.lhs, input.rhs), [sin, cos]);
  if (form === null || constValue(form[2])?.n !== 0n || isZero(form[0])) return null;
  const ratio = form[1].neg().div(form[0]);
  return eq(fn('tan', (sin as { a: Expr }).a), numExpr(ratio));
}

export function solveTrigEquation(
  problem: Equation,
  v: string,
  trail: Trail,
  solveOne: SolveOne,
): Outcome {
  let input = problem;
  const parts = [
    ...partsWith(input.lhs, v, (x) => x.k === 'fn' && TRIG.has(x.name)),
    ...partsWith(input.rhs, v, (x) => x.k === 'fn' && TRIG.has(x.name)),
  ];
  const tangent = sinCosToTan(input, parts);
  if (tangent === null && parts.some((x) => !sameTree(x, parts[0] as Expr)))
    throw unsupported(
      'Trig equations are supported with one sin, cos or tan of the unknown (it may appear squared), like 2sin(x) = 1, 2sin^2(x) - sin(x) - 1 = 0, cos(2x) = 0 or sin(x) = cos(x).',
    );
  const part = (tangent?.lhs ?? parts[0]) as Extract<Expr, { k: 'fn' }>;
  const angle = angleOf(part.a, v);
  if (angle === null)
    throw unsupported(
      'The angle must be of the form ax + b, like sin(2x) = 1 or sin(x + pi/4) = 1.',
    );
  stepClauses(trail, [[input]], v, 'Start with the equation.', 'start');
  if (tangent !== null) {
    const theta = toLatex(part.a);
    stepClauses(
      trail,
      [[tangent]],
      v,
      `Divide both sides by $\\cos(${theta})$ and use $\\frac{\\sin}{\\cos} = \\tan$. No solution is lost: where $\\cos(${theta}) = 0$, $\\sin(${theta}) = \\pm 1$, so the equation does not hold there.`,
      'divide-by-cos',
    );
    input = tangent;
  }
  const name = part.name as 'sin' | 'cos' | 'tan';
  const all = trigValues(input, part, v, trail, solveOne);
  const possible = all.filter(
    (c) => name === 'tan' || Math.abs(evalC(c, new Map()).re) <= 1 + 1e-12,
  );
  const word = name === 'sin' ? 'sine' : 'cosine';
  if (possible.length === 0) {
    const shown = ` $${all.map(toLatex).join('$ or $')}$`;
    trail.note(
      '\\text{no solution}',
      `The ${word} is always between $-1$ and $1$, so it is never${shown}.`,
      'range',
      true,
    );
    throw new SolverError('no-solution', `No solution: $${toLatex(part)}$ is never${shown}`);
  }
  if (possible.length < all.length)
    stepClauses(
      trail,
      possible.map((x) => [eq(part, x)]),
      v,
      `The ${word} is always between $-1$ and $1$, so $${toLatex(part)} = ${all
        .filter((c) => !possible.includes(c))
        .map(toLatex)
        .join('$ and $')}$ has no solution.`,
      'range',
    );
  const found = families(name, part, angle, possible, v);
  const roots = found.roots;
  const isBare = angle.p.equals(ONE) && isZero(angle.q0) && isZero(angle.c);
  stepClauses(
    trail,
    roots.map((x) => [eq(sym(v), x)]),
    v,
    found.why,
    isBare ? 'general-solution' : 'solve-for-x',
  );
  return {
    answer: {
      latex: `${roots.map((x) => `${v} = ${toLatex(x)}`).join(OR_TEX)}, \\quad k \\in \\mathbb{Z}`,
      mathjs: roots.map((x) => `${v} = ${toText(x)}`).join('; '),
    },
    classification: 'trig-equation',
  };
}

const numExpr = (k: Q): Expr => {
  const a = k.abs();
  const body = a.d === 1n ? num(q(a.n)) : div(num(q(a.n)), num(q(a.d)));
  return k.s < 0n && !isZero(k) ? neg(body) : body;
};
