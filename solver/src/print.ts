/** Print expression trees as mathjs text (for answers) and LaTeX (for KaTeX on the board). */
import type { Equation, Expr, Relation } from './expr.ts';
import { terminatingDecimal } from './q.ts';
import { isGreek } from './greek.ts';

// Binding strength: higher binds tighter. Unary minus sits between product and power,
// as in mathjs and school notation (-x^2 means -(x^2)).
const PREC_SUM = 1;
const PREC_PRODUCT = 2;
const PREC_NEG = 3;
const PREC_POWER = 4;
const PREC_ATOM = 5;

/** ln A / ln b with b a whole number other than e: a logarithm to base b (`\log_{b} A`). */
export function logBase(e: Expr): Expr | null {
  if (e.k !== 'bin' || e.op !== '/' || e.a.k !== 'fn' || e.a.name !== 'ln') return null;
  if (e.b.k !== 'fn' || e.b.name !== 'ln' || e.b.a.k !== 'num' || e.b.a.v.d !== 1n) return null;
  return e.b.a;
}

function prec(e: Expr): number {
  if (logBase(e) !== null) return PREC_ATOM;
  switch (e.k) {
    case 'num':
    case 'sym':
    case 'fn':
    case 'deriv':
      return PREC_ATOM;
    case 'neg':
      return PREC_NEG;
    case 'bin':
      return e.op === '^' ? PREC_POWER : e.op === '*' || e.op === '/' ? PREC_PRODUCT : PREC_SUM;
  }
}

function numText(e: Extract<Expr, { k: 'num' }>): string {
  if (e.v.d === 1n) return e.v.n.toString();
  return terminatingDecimal(e.v) ?? `${e.v.n}/${e.v.d}`;
}

// ---------- mathjs text ----------

export function toText(e: Expr): string {
  const wrap = (x: Expr, needs: boolean): string => (needs ? `(${toText(x)})` : toText(x));
  switch (e.k) {
    case 'num':
      return numText(e);
    case 'sym':
      return e.name;
    case 'neg':
      return `-${wrap(e.a, e.a.k === 'neg' || prec(e.a) < PREC_PRODUCT)}`;
    case 'fn':
      // Spelled so that mathjs and our reader (where a bare `log` is base 10) agree:
      // the natural log as log(A, e), the common log as log10(A).
      if (e.name === 'ln') return `log(${toText(e.a)}, e)`;
      return `${e.name === 'log' ? 'log10' : e.name}(${toText(e.a)})`;
    case 'deriv':
      return `derivative(${toText(e.a)}, ${e.v})`;
    case 'bin': {
      const p = prec(e);
      const base = logBase(e);
      if (base !== null) return `log(${toText((e.a as { a: Expr }).a)}, ${toText(base)})`;
      if (e.op === '^') {
        return `${wrap(e.a, prec(e.a) <= PREC_POWER || (e.a.k === 'num' && e.a.v.d !== 1n))}^${wrap(e.b, prec(e.b) < PREC_ATOM || (e.b.k === 'num' && e.b.v.d !== 1n))}`;
      }
      const left = wrap(e.a, prec(e.a) < p);
      const rightNeeds =
        prec(e.b) < p || (prec(e.b) === p && e.op !== '+' && e.op !== '*') || e.b.k === 'neg';
      const right = wrap(e.b, rightNeeds);
      const op = e.op === '±' ? '±' : e.op;
      return `${left} ${op} ${right}`;
    }
  }
}

// ---------- LaTeX ----------

const SYMBOL_TEX: Record<string, string> = { pi: '\\pi', e: 'e', i: 'i' };
const FN_TEX: Record<string, string> = {
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  ln: '\\ln',
  log: '\\log',
};

function symTex(name: string): string {
  const known = SYMBOL_TEX[name];
  if (known !== undefined) return known;
  if (isGreek(name)) return `\\${name}`;
  const m = /^([A-Za-z]+)_(\w+)$/.exec(name);
  return m ? `${symTex(m[1] as string)}_{${m[2]}}` : name;
}

const paren = (s: string): string => `\\left(${s}\\right)`;

/** `\pi` then `x` is `\pi x`: without the space LaTeX reads one command `\pix`. */
const juxtaposed = (left: string, right: string): string =>
  /\\[A-Za-z]+$/.test(left) && /^[A-Za-z]/.test(right) ? `${left} ${right}` : `${left}${right}`;

/** Does the printed factor start with a digit (so `2·3` must not become `23`)? */
function startsWithDigit(e: Expr): boolean {
  switch (e.k) {
    case 'num':
      return true;
    case 'bin':
      return e.op === '/' ? false : startsWithDigit(e.a);
    default:
      return false;
  }
}

export function toLatex(e: Expr): string {
  const wrap = (x: Expr, needs: boolean): string => (needs ? paren(toLatex(x)) : toLatex(x));
  switch (e.k) {
    case 'num':
      return numText(e);
    case 'sym':
      return symTex(e.name);
    case 'neg':
      return `-${wrap(e.a, prec(e.a) <= PREC_SUM || e.a.k === 'neg')}`;
    case 'fn':
      if (e.name === 'sqrt') return `\\sqrt{${toLatex(e.a)}}`;
      if (e.name === 'abs') return `\\left|${toLatex(e.a)}\\right|`;
      if (e.name === 'exp') return `e^{${toLatex(e.a)}}`;
      return `${FN_TEX[e.name] ?? e.name}${paren(toLatex(e.a))}`;
    case 'deriv':
      return `\\frac{d}{d${symTex(e.v)}}\\left[${toLatex(e.a)}\\right]`;
    case 'bin': {
      const base = logBase(e);
      if (base !== null) return `\\log_{${toLatex(base)}}${paren(toLatex((e.a as { a: Expr }).a))}`;
      switch (e.op) {
        case '/':
          return `\\frac{${toLatex(e.a)}}{${toLatex(e.b)}}`;
        case '^': {
          const base = wrap(
            e.a,
            prec(e.a) <= PREC_POWER ||
              (e.a.k === 'fn' && e.a.name !== 'sqrt' && e.a.name !== 'abs'),
          );
          return `${base}^{${toLatex(e.b)}}`;
        }
        case '*': {
          const left = wrap(e.a, prec(e.a) < PREC_PRODUCT);
          const rightParens = prec(e.b) < PREC_PRODUCT || e.b.k === 'neg';
          const right = wrap(e.b, rightParens);
          const juxtapose =
            !rightParens &&
            !startsWithDigit(e.b) &&
            !(e.b.k === 'bin' && e.b.op === '/') &&
            !(e.b.k === 'bin' && e.b.op === '*');
          // 4·(−1): a bracketed negative still gets a visible dot, so it never reads as 4 − 1.
          if (rightParens) return e.b.k === 'neg' ? `${left} \\cdot ${right}` : `${left}${right}`;
          return juxtapose ? juxtaposed(left, right) : `${left} \\cdot ${right}`;
        }
        default: {
          const left = wrap(e.a, false);
          const right = wrap(e.b, e.b.k === 'neg' || (e.op !== '+' && prec(e.b) <= PREC_SUM));
          const op = e.op === '±' ? '\\pm' : e.op;
          return `${left} ${op} ${right}`;
        }
      }
    }
  }
}

const REL_TEX: Record<Relation, string> = {
  '=': '=',
  '<': '<',
  '<=': '\\le',
  '>': '>',
  '>=': '\\ge',
  '!=': '\\neq',
};

export const equationLatex = (e: Equation): string =>
  `${toLatex(e.lhs)} ${REL_TEX[e.rel]} ${toLatex(e.rhs)}`;

export const equationText = (e: Equation): string =>
  `${toText(e.lhs)} ${e.rel === '=' ? '=' : e.rel} ${toText(e.rhs)}`;

/** Several equations on one line, e.g. the roots "x = 2 or x = 3". */
export const orLatex = (eqs: readonly Equation[]): string =>
  eqs.map(equationLatex).join(' \\quad\\text{or}\\quad ');

/** A system written one equation per line, as KaTeX renders it. */
export const systemLatex = (eqs: readonly Equation[]): string =>
  eqs.length === 1
    ? equationLatex(eqs[0] as Equation)
    : `\\begin{cases} ${eqs.map(equationLatex).join(' \\\\ ')} \\end{cases}`;
