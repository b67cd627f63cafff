/**
 * The symbol classes. Labels follow CROHME's spelling (`\lt`, `\times`, …) so evaluation
 * can compare directly. `-` is both minus and fraction bar (layout decides).
 */

/** The set the issue requires (the "core" set): digits, a few letters, operators, √, π. */
export const CORE_SYMBOLS: readonly string[] = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'a',
  'b',
  'c',
  'd',
  'n',
  't',
  'x',
  'y',
  'z',
  '+',
  '-',
  '\\times',
  '\\div',
  '\\cdot',
  '=',
  '\\neq',
  '\\lt',
  '\\gt',
  '\\leq',
  '\\geq',
  '\\pm',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
  '/',
  '\\sqrt',
  '\\pi',
];

/** Extra letters and school symbols we also recognize (fewer sources, lower accuracy). */
export const EXTRA_SYMBOLS: readonly string[] = [
  'e',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'm',
  'p',
  'q',
  'r',
  's',
  'u',
  'v',
  'w',
  // School vocabulary: what the solver's sums, limits, integrals and absolute values need.
  '\\theta',
  '\\alpha',
  '\\beta',
  '\\infty',
  '\\int',
  '\\sum',
  '\\rightarrow',
  '|',
];

/**
 * Shape classes the network distinguishes. `\cdot` is not one: it has the shape of `.`,
 * and only its vertical position tells them apart (context stage). `junk` is "not one
 * symbol" (e.g. two symbols side by side), used by segmentation.
 */
export const SHAPE_CLASSES: readonly string[] = [
  ...CORE_SYMBOLS.filter((s) => s !== '\\cdot'),
  ...EXTRA_SYMBOLS,
  'junk',
];

export const JUNK = 'junk';
