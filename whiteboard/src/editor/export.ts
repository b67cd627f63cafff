import { effectiveStatus } from '@motionmath/protocol';
import type { BoardSnapshot, CardSizes, Equation } from '@motionmath/protocol';
import type { Box } from './camera.ts';
import { boxOfPoints, EMPTY_BOX, isEmptyBox, strokeBox, unionBox } from './geometry.ts';
import { inkPath } from './ink.ts';

/** Export of a board: SVG (ink + equation cards as text), LaTeX and Markdown of the equations. */

/** White space around exported content, in board units. */
export const EXPORT_PADDING = 32;
/** Size of an exported equation card: one line of LaTeX text, then the answer. */
export const CARD_WIDTH = 320;
export const CARD_LINE_HEIGHT = 22;

const STATUS_LABELS = {
  pending: 'waiting for the solver',
  solving: 'solving…',
  solved: 'solved',
  unsupported: 'not supported',
  error: 'error',
} as const;

export function statusLabel(equation: Equation): string {
  return STATUS_LABELS[effectiveStatus(equation)];
}

/** Text lines of an exported card: the equation, then the answer or the reason it failed. */
export function cardLines(equation: Equation): string[] {
  const status = effectiveStatus(equation);
  const lines = [equation.latex];
  if (status === 'solved' && equation.answer) lines.push(`= ${equation.answer.latex}`);
  else if ((status === 'error' || status === 'unsupported') && equation.error)
    lines.push(equation.error);
  else lines.push(STATUS_LABELS[status]);
  return lines;
}

function cardBox(equation: Equation): Box {
  const lines = cardLines(equation).length;
  return {
    minX: equation.x,
    minY: equation.y,
    maxX: equation.x + CARD_WIDTH,
    maxY: equation.y + (lines + 1) * CARD_LINE_HEIGHT,
  };
}

/**
 * Bounding box of everything on the board (ink and cards); EMPTY_BOX for an empty board.
 * Cards take their measured size when `sizes` knows it (what the board shows), else the
 * exported card's.
 */
export function contentBox(
  board: Pick<BoardSnapshot, 'strokes' | 'equations'>,
  sizes?: CardSizes,
): Box {
  let box = EMPTY_BOX;
  for (const s of board.strokes) box = unionBox(box, strokeBox(s));
  for (const e of board.equations) {
    const size = sizes?.(e.id);
    box = unionBox(
      box,
      size ? { minX: e.x, minY: e.y, maxX: e.x + size.width, maxY: e.y + size.height } : cardBox(e),
    );
  }
  return box;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A standalone SVG of the board; an empty board gives a small blank sheet. */
export function boardToSvg(board: Pick<BoardSnapshot, 'strokes' | 'equations'>): string {
  const content = contentBox(board);
  const box = isEmptyBox(content)
    ? boxOfPoints([
        { x: 0, y: 0 },
        { x: 200, y: 100 },
      ])
    : content;
  const x = box.minX - EXPORT_PADDING;
  const y = box.minY - EXPORT_PADDING;
  const w = box.maxX - box.minX + 2 * EXPORT_PADDING;
  const h = box.maxY - box.minY + 2 * EXPORT_PADDING;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${w} ${h}" width="${Math.ceil(w)}" height="${Math.ceil(h)}">`,
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#ffffff"/>`,
  ];
  for (const s of board.strokes) {
    out.push(`<path d="${inkPath(s.points, s.width)}" fill="${escapeXml(s.color)}"/>`);
  }
  for (const e of board.equations) {
    const b = cardBox(e);
    out.push(
      `<g class="equation" data-id="${escapeXml(e.id)}">`,
      `<rect x="${b.minX}" y="${b.minY}" width="${b.maxX - b.minX}" height="${b.maxY - b.minY}" rx="8" fill="#f8f9fa" stroke="#868e96"/>`,
    );
    cardLines(e).forEach((line, i) => {
      out.push(
        `<text x="${b.minX + 12}" y="${b.minY + (i + 1) * CARD_LINE_HEIGHT + 4}" font-family="monospace" font-size="${i === 0 ? 15 : 13}" fill="${i === 0 ? '#1e1e1e' : '#495057'}">${escapeXml(line)}</text>`,
      );
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Markdown: each equation with its status, numbered steps and answer (`$…$` math, as GitHub renders it). */
export function equationsToMarkdown(equations: readonly Equation[], title = 'Board'): string {
  const out = [`# ${title}`, ''];
  if (equations.length === 0) out.push('_No equations yet._', '');
  equations.forEach((e, i) => {
    const status = effectiveStatus(e);
    out.push(`## ${i + 1}. $${e.latex}$`, '', `Status: ${STATUS_LABELS[status]}`, '');
    if (status === 'pending') return;
    e.steps.forEach((step, n) => {
      out.push(`${n + 1}. $${step.latex}$${step.explanation ? ` — ${step.explanation}` : ''}`);
    });
    if (e.steps.length > 0) out.push('');
    if (status === 'solved' && e.answer) out.push(`**Answer:** $${e.answer.latex}$`, '');
    if ((status === 'error' || status === 'unsupported') && e.error) out.push(`> ${e.error}`, '');
  });
  return out.join('\n');
}

/** Escape text for LaTeX's text mode. */
export function escapeLatexText(text: string): string {
  return text.replace(/[\\{}$&#^_%~]/g, (c) =>
    c === '\\'
      ? '\\textbackslash{}'
      : c === '~'
        ? '\\textasciitilde{}'
        : c === '^'
          ? '\\textasciicircum{}'
          : `\\${c}`,
  );
}

/**
 * Text with `$…$` inline math (how solver explanations quote formulas) for LaTeX's text
 * mode: the words escaped, the math kept as math, so "$2x$" prints as 2x, not "$2x$".
 */
export function latexTextWithMath(text: string): string {
  return text
    .split(/(\$[^$]+\$)/)
    .map((part) =>
      /^\$[^$]+\$$/.test(part) ? `\\(${part.slice(1, -1)}\\)` : escapeLatexText(part),
    )
    .join('');
}

/** A compilable LaTeX document: each equation, its steps (aligned, with explanations) and answer. */
export function equationsToLatex(equations: readonly Equation[], title = 'Board'): string {
  const out = [
    '\\documentclass{article}',
    '\\usepackage{amsmath,amssymb}',
    `\\title{${escapeLatexText(title)}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
  ];
  equations.forEach((e, i) => {
    const status = effectiveStatus(e);
    out.push(`\\section*{${i + 1}. \\(${e.latex}\\)}`);
    if (status === 'pending') {
      out.push(`\\textit{${STATUS_LABELS[status]}}`, '');
      return;
    }
    if (e.steps.length > 0) {
      out.push('\\begin{align*}');
      e.steps.forEach((step, n) => {
        const end = n < e.steps.length - 1 ? ' \\\\' : '';
        const why = step.explanation ? ` && \\text{${latexTextWithMath(step.explanation)}}` : '';
        out.push(`  & ${step.latex}${why}${end}`);
      });
      out.push('\\end{align*}');
    }
    if (status === 'solved' && e.answer) out.push(`\\textbf{Answer:} \\(${e.answer.latex}\\)`, '');
    else if (e.error) out.push(`\\textit{${latexTextWithMath(e.error)}}`, '');
  });
  out.push('\\end{document}', '');
  return out.join('\n');
}
