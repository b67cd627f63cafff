/**
 * LaTeX (as KaTeX renders it and as the recognizer writes it) → mathjs-style text.
 * Only the school-math subset: fractions, roots, powers, products, relations, cases.
 */
import { parseError, unsupported } from './errors.ts';
import {
  GREEK_UNICODE,
  greekOfCommand,
  LATEX_GREEK_PATTERN,
  LATEX_VARIABLE_PATTERN,
  variableOfLatex,
} from './greek.ts';

const UNICODE: ReadonlyArray<readonly [RegExp, string]> = [
  [/[−–]/g, '-'],
  [/[×·∙]/g, '*'],
  [/÷/g, '/'],
  [/≤/g, '<='],
  [/≥/g, '>='],
  [/≠/g, '!='],
  [/²/g, '^2'],
  [/³/g, '^3'],
  [/√/g, 'sqrt'],
  [/π/g, 'pi'],
  // Degrees: sin(30°) is sin(30·π/180).
  [/°/g, ' * pi/180'],
  // Greek variables as their names, spaced so that 2θx stays a product of three factors.
  ...GREEK_UNICODE.map(([re, name]) => [re, ` ${name} `] as const),
];

/** Replace unicode math symbols with their ASCII spelling. */
export function normalizeUnicode(s: string): string {
  return UNICODE.reduce((acc, [re, to]) => acc.replace(re, to), s);
}

/** Commands that become a fixed piece of text. */
const SIMPLE: Record<string, string> = {
  cdot: '*',
  times: '*',
  ast: '*',
  div: '/',
  le: '<=',
  leq: '<=',
  leqslant: '<=',
  ge: '>=',
  geq: '>=',
  geqslant: '>=',
  ne: '!=',
  neq: '!=',
  lt: '<',
  gt: '>',
  pi: ' pi ',
  circ: ' * pi/180 ',
  infty: ' Infinity ',
  cdotp: '*',
  pm: ' ± ',
  mp: ' ∓ ',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  '!': ' ',
  ' ': ' ',
  quad: ' ',
  lvert: '|',
  rvert: '|',
  vert: '|',
  mid: '|',
  qquad: ' ',
  '{': '(',
  '}': ')',
  '%': '',
};

const FUNCTIONS: Record<string, string> = {
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  ln: 'ln',
  log: 'log10',
  exp: 'exp',
  // Read as 1/cos, 1/sin, cos/sin by the parser.
  sec: 'sec',
  csc: 'csc',
  cot: 'cot',
};

/** Inverse trig functions have no route yet: say so, and what to write instead. */
export const inverseTrig = (name: string): Error =>
  unsupported(
    `Inverse trig functions (${name}^{-1}, arc${name}) are not supported yet. To find the angles, write an equation such as ${name}(x) = 1/2: it is solved with the general solution.`,
  );

const DELIMS: Record<string, string> = { '(': '(', ')': ')', '[': '(', ']': ')', '.': '' };

/** Does this look like LaTeX rather than plain mathjs text? */
export const looksLikeLatex = (s: string): boolean => /\\[A-Za-z]|[{}]|\\\\/.test(s);

/** `\frac{d}{dx}` (also `d\theta`), before a `\left[` that marks what is differentiated, or alone. */
const DERIVATIVE_HEAD = String.raw`\\[dt]?frac\s*\{\s*d\s*\}\s*\{\s*d\s*(${LATEX_VARIABLE_PATTERN})\s*\}`;
const DERIVATIVE_BRACKET = new RegExp(String.raw`${DERIVATIVE_HEAD}\s*\\left\[`, 'g');
const DERIVATIVE = new RegExp(DERIVATIVE_HEAD, 'g');

/**
 * A number and what is written right after it as one argument of a function: a letter,
 * `\pi` or a Greek variable (`\sin 2\theta`), and a degree sign.
 */
const NUMBER_ARGUMENT = new RegExp(
  String.raw`^(\d+(?:\.\d+)?)(\\pi(?![A-Za-z])|${LATEX_GREEK_PATTERN}|[A-Za-z](?![A-Za-z]))?(\^\{?\\circ\}?| \* pi\/180)?`,
);

export function latexToText(input: string): string {
  let src = normalizeUnicode(input)
    .replace(/\\begin\{(cases|aligned|align\*?|array|gathered|matrix)\}(\{[^}]*\})?/g, ' ')
    .replace(/\\end\{(cases|aligned|align\*?|array|gathered|matrix)\}/g, ' ')
    .replace(/\\\\/g, ';')
    .replace(/&/g, ' ')
    // A derivative's square bracket marks exactly what is differentiated: keep it as `[`.
    .replace(DERIVATIVE_BRACKET, (_m, v: string) => ` d/d${variableOfLatex(v)} ⟦`)
    .replace(DERIVATIVE, (_m, v: string) => ` d/d${variableOfLatex(v)} `);
  src = src.trim();
  let i = 0;

  const skipSpaces = (): void => {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
  };

  const readCommand = (): string => {
    // at a backslash
    i++;
    const start = i;
    if (i < src.length && /[A-Za-z]/.test(src[i] as string)) {
      while (i < src.length && /[A-Za-z]/.test(src[i] as string)) i++;
      return src.slice(start, i);
    }
    i++;
    return src.slice(start, i);
  };

  /** Raw text of a `{...}` group (braces balanced), i at `{`. */
  const readRawGroup = (): string => {
    let depth = 0;
    const start = i;
    for (; i < src.length; i++) {
      const c = src[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          i++;
          return src.slice(start + 1, i - 1);
        }
      }
    }
    throw parseError(`Unbalanced braces in LaTeX: ${input}`);
  };

  /** One argument: a `{group}`, a command, or a single character. Returned converted. */
  const readArg = (): string => {
    skipSpaces();
    if (i >= src.length) throw parseError(`Missing argument at the end of: ${input}`);
    const c = src[i] as string;
    if (c === '{') return convert(readRawGroup());
    if (c === '\\') {
      const save = i;
      const name = readCommand();
      if (name === 'frac' || name === 'dfrac' || name === 'tfrac' || name === 'sqrt') {
        i = save;
        return readUnit();
      }
      return convertCommand(name);
    }
    i++;
    return c;
  };

  // A single syntactic unit, used for arguments like \sqrt 2 or \frac12.
  const readUnit = (): string => {
    const start = i;
    const out = step();
    if (i === start) throw parseError(`Cannot read LaTeX near: ${src.slice(i)}`);
    return out;
  };

  /**
   * `\log 100`, `\sin 2x`, `\sin 30^{\circ}`, `\cos 2\pi`: a number with the letter or
   * degree sign right after it is one argument, as in school notation, not its first digit.
   */
  const readNumberOrArg = (): string => {
    const m = NUMBER_ARGUMENT.exec(src.slice(i));
    if (m === null) return readArg();
    i += m[0].length;
    const letter = m[2] === undefined ? '' : m[2] === '\\pi' ? ' pi' : ` ${variableOfLatex(m[2])}`;
    return `${m[1] as string}${letter}${m[3] === undefined ? '' : ' * pi/180'}`;
  };

  /** A bracketed group starting at i (`(` or `\\left(`), converted, brackets included. */
  const readBracketed = (): string => {
    let out = '';
    let depth = 0;
    do {
      const before = out;
      out += step();
      const added = out.slice(before.length);
      depth += (added.match(/\(/g) ?? []).length - (added.match(/\)/g) ?? []).length;
    } while (depth > 0 && i < src.length);
    return out;
  };

  const convertCommand = (name: string): string => {
    const simple = SIMPLE[name];
    if (simple !== undefined) return simple;
    const f = FUNCTIONS[name];
    if (f !== undefined) {
      skipSpaces();
      // \log_{b} x: a logarithm to base b, read as mathjs's log(x, b).
      if (name === 'log' && src[i] === '_') {
        i++;
        const base = readArg();
        skipSpaces();
        const body =
          src[i] === '(' || src.startsWith('\\left', i)
            ? readBracketed()
            : `(${readNumberOrArg()})`;
        return ` log(${body}, ${base})`;
      }
      // \sin^{2} x means (sin x)^2.
      let power = '';
      if (src[i] === '^') {
        i++;
        power = `^(${readArg()})`;
        // sin^{-1} is the inverse function (arcsin) in school notation, not 1/sin.
        if (/^\^\(\s*-\s*1\s*\)$/.test(power)) throw inverseTrig(name);
        skipSpaces();
      }
      // \sin x (no brackets) takes the next unit as its argument.
      if (src[i] === '(' || src.startsWith('\\left', i)) {
        if (power === '') return ` ${f}`;
        const body = readBracketed();
        return ` (${f}${body})${power}`;
      }
      return ` (${f}(${readNumberOrArg()}))${power}`;
    }
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac': {
        const a = readArg();
        const b = readArg();
        return `((${a})/(${b}))`;
      }
      case 'sqrt': {
        skipSpaces();
        if (src[i] === '[') {
          const close = src.indexOf(']', i);
          if (close < 0) throw parseError(`Unclosed \\sqrt[ in: ${input}`);
          const n = convert(src.slice(i + 1, close));
          i = close + 1;
          return ` nthRoot(${readArg()}, ${n})`;
        }
        return ` sqrt(${readArg()})`;
      }
      case 'left':
      case 'right':
      case 'bigl':
      case 'bigr':
      case 'Bigl':
      case 'Bigr': {
        skipSpaces();
        const c = src[i];
        if (c === '\\') {
          const d = readCommand();
          if (d === '{' || d === 'lbrace') return '(';
          if (d === '}' || d === 'rbrace') return ')';
          if (d === '|') return name.endsWith('l') || name === 'left' ? ' abs(' : ')';
          throw parseError(`Unknown delimiter \\${d}`);
        }
        i++;
        if (c === '|') return name === 'left' ? ' abs(' : ')';
        const d = DELIMS[c ?? ''];
        if (d === undefined) throw parseError(`Unknown delimiter ${c ?? ''} after \\${name}`);
        return d;
      }
      case 'text':
      case 'mathrm':
      case 'textrm':
      case 'operatorname':
      case 'mathit': {
        skipSpaces();
        const raw = src[i] === '{' ? readRawGroup() : '';
        return ` ${raw} `;
      }
      case 'lbrace':
        return '(';
      case 'rbrace':
        return ')';
      case 'arcsin':
      case 'arccos':
      case 'arctan':
        throw inverseTrig(name.slice(3));
      default: {
        const greek = greekOfCommand(name);
        if (greek === null) throw parseError(`Unsupported LaTeX command \\${name}`);
        // Spaced off as a word of its own, except before a subscript (\theta_1 is theta_1).
        skipSpaces();
        return src[i] === '_' ? ` ${greek}` : ` ${greek} `;
      }
    }
  };

  /** Convert one piece at position i, advance. */
  const step = (): string => {
    const c = src[i] as string;
    if (c === '\\') return convertCommand(readCommand());
    if (c === '{') return `(${convert(readRawGroup())})`;
    if (c === '}') throw parseError(`Unbalanced braces in LaTeX: ${input}`);
    if (c === '^') {
      i++;
      const power = readArg();
      // 225^{\circ} is a degree sign, not a power: 225 · π/180.
      return power.trim() === '* pi/180' ? ' * pi/180 ' : `^(${power})`;
    }
    if (c === '_') {
      i++;
      const sub = readArg().replace(/[()\s]/g, '');
      if (!/^\w+$/.test(sub)) throw parseError(`Unsupported subscript _${sub}`);
      return `_${sub}`;
    }
    if (c === '[') {
      i++;
      return '(';
    }
    if (c === ']') {
      i++;
      return ')';
    }
    i++;
    return c;
  };

  function convert(s: string): string {
    const saveSrc = src;
    const saveI = i;
    src = s;
    i = 0;
    let out = '';
    while (i < src.length) out += step();
    src = saveSrc;
    i = saveI;
    return out;
  }

  let out = '';
  while (i < src.length) out += step();
  return out.replace(/\s+/g, ' ').trim();
}
