/**
 * Greek letters that school maths uses as variables (angles θ, α, β; λ, μ, σ…). Each is one
 * variable named by its English word (`theta`), read from `\theta`, `θ` or `theta` and
 * printed back as `\theta`. π is not here: it is always the constant.
 */
import type { SolveResult } from './types.ts';

/** The letters read as variables, by their LaTeX command name. */
export const GREEK_VARIABLES: readonly string[] = [
  'alpha',
  'beta',
  'gamma',
  'theta',
  'lambda',
  'mu',
  'phi',
  'sigma',
  'omega',
];

/** Other LaTeX spellings of the same letters. */
const LATEX_ALIASES: Readonly<Record<string, string>> = { vartheta: 'theta', varphi: 'phi' };

/** Unicode letters the recognizer or a keyboard may write. */
export const GREEK_UNICODE: ReadonlyArray<readonly [RegExp, string]> = [
  [/α/g, 'alpha'],
  [/β/g, 'beta'],
  [/γ/g, 'gamma'],
  [/[θϑ]/g, 'theta'],
  [/λ/g, 'lambda'],
  [/μ/g, 'mu'],
  [/[φϕ]/g, 'phi'],
  [/σ/g, 'sigma'],
  [/ω/g, 'omega'],
];

const NAMES = new Set(GREEK_VARIABLES);

/** The variable a LaTeX command stands for (`theta` for `\vartheta`), or null. */
export const greekOfCommand = (command: string): string | null =>
  NAMES.has(command) ? command : (LATEX_ALIASES[command] ?? null);

export const isGreek = (name: string): boolean => NAMES.has(name);

/**
 * A regex alternative matching one variable name in text, Greek words first (so `theta` is
 * not read as the letter `t`): `(?:alpha|…|[A-Za-z])`.
 */
export const VARIABLE_PATTERN = `(?:${[...GREEK_VARIABLES].sort((a, b) => b.length - a.length).join('|')}|[A-Za-z])`;

/** A Greek variable's LaTeX command: `\theta`, `\varphi`. */
export const LATEX_GREEK_PATTERN = String.raw`\\(?:${[...GREEK_VARIABLES, ...Object.keys(LATEX_ALIASES)].join('|')})(?![A-Za-z])`;

/** A variable in LaTeX: `\theta` or one letter. */
export const LATEX_VARIABLE_PATTERN = `(?:${LATEX_GREEK_PATTERN}|[A-Za-z])`;

/** `\vartheta` → `theta`, `x` → `x`: the variable a LaTeX match of the pattern above names. */
export const variableOfLatex = (s: string): string =>
  s.startsWith('\\') ? (greekOfCommand(s.slice(1)) ?? s) : s;

/** A Greek name standing as a word of its own in LaTeX (not `\theta`, not inside a word). */
const BARE_GREEK = new RegExp(
  String.raw`(?<![\\A-Za-z])(${GREEK_VARIABLES.join('|')})(?![A-Za-z])`,
  'g',
);
/** Inline math in an explanation. */
const INLINE_MATH = /\$([^$]*)\$/g;

const mentionsGreek = (s: string): boolean => {
  BARE_GREEK.lastIndex = 0;
  return BARE_GREEK.test(s);
};

/**
 * Variable names are put into LaTeX by many routes (`$${v} = 3$`, `${v} = \frac{\pi}{6}`);
 * one pass where results leave the solver writes the Greek ones as commands (`\theta`).
 */
export const greekLatex = (latex: string): string => latex.replace(BARE_GREEK, '\\$1');

/** The same inside the `$…$` of an explanation (its words are left alone). */
export const greekExplanation = (text: string): string =>
  text.replace(INLINE_MATH, (_m, math: string) => `$${greekLatex(math)}$`);

/** A result with its Greek variables written as LaTeX commands in steps and answer. */
export function withGreekLatex(r: SolveResult): SolveResult {
  if (!mentionsGreek(r.normalized)) return r;
  return {
    ...r,
    steps: r.steps.map((s) => ({
      ...s,
      latex: greekLatex(s.latex),
      explanation: greekExplanation(s.explanation),
    })),
    ...(r.answer ? { answer: { ...r.answer, latex: greekLatex(r.answer.latex) } } : {}),
  };
}
