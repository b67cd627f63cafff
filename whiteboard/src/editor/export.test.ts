import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEquation,
  addStroke,
  appendStep,
  finishEquation,
  readBoard,
  startSolving,
} from '@motionmath/protocol';
import {
  boardToSvg,
  contentBox,
  equationsToLatex,
  equationsToMarkdown,
  escapeLatexText,
  latexTextWithMath,
} from './export.ts';

function sampleBoard() {
  const doc = new Y.Doc();
  addStroke(doc, {
    points: [
      { x: 0, y: 0, pressure: 0.5, t: 0 },
      { x: 50, y: 20, pressure: 0.5, t: 16 },
    ],
    color: '#1e1e1e',
    width: 4,
    author: 'a',
    createdAt: 1,
  });
  const solved = addEquation(doc, {
    source: 'typed',
    latex: '2x+1=5',
    mathjs: '2x+1==5',
    confidence: 1,
    author: 'a',
    x: 100,
    y: 100,
    now: 2,
  }).id;
  startSolving(doc, solved, { solverId: 'w', now: 3 });
  appendStep(doc, solved, 'w', {
    latex: '2x=4',
    explanation: 'subtract 1 & simplify',
    rule: 'sub',
    origin: 'engine',
  });
  appendStep(doc, solved, 'w', {
    latex: 'x=2',
    explanation: 'divide by 2',
    rule: 'div',
    origin: 'engine',
  });
  finishEquation(doc, solved, { solverId: 'w', answer: { latex: 'x=2', mathjs: 'x==2' }, now: 4 });
  addEquation(doc, {
    source: 'typed',
    latex: 'a<b',
    mathjs: 'a<b',
    confidence: 1,
    author: 'a',
    x: 0,
    y: 300,
    now: 5,
  });
  return readBoard(doc);
}

describe('export', () => {
  it('SVG holds every stroke as a path and every equation as escaped text', () => {
    const board = sampleBoard();
    const svg = boardToSvg(board);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/class="equation"/g)).toHaveLength(2);
    expect(svg).toContain('a&#60;b');
    expect(svg).toContain('= x=2');
    const box = contentBox(board);
    expect(svg).toContain(`viewBox="${box.minX - 32} ${box.minY - 32}`);
  });

  it('an empty board exports a blank sheet', () => {
    expect(boardToSvg({ strokes: [], equations: [] })).toMatch(
      /^<svg[^>]+viewBox="-32 -32 264 164"/,
    );
  });

  it('Markdown lists equations with numbered steps and the answer', () => {
    const md = equationsToMarkdown(sampleBoard().equations, 'Algebra');
    expect(md).toContain('# Algebra');
    expect(md).toContain('## 1. $2x+1=5$');
    expect(md).toContain('1. $2x=4$ — subtract 1 & simplify');
    expect(md).toContain('2. $x=2$ — divide by 2');
    expect(md).toContain('**Answer:** $x=2$');
    expect(md).toContain('## 2. $a<b$\n\nStatus: waiting for the solver');
  });

  it('LaTeX is a document with aligned steps and escaped explanations', () => {
    const tex = equationsToLatex(sampleBoard().equations, 'Algebra & more');
    expect(tex).toContain('\\title{Algebra \\& more}');
    expect(tex).toContain(
      '\\begin{align*}\n  & 2x=4 && \\text{subtract 1 \\& simplify} \\\\\n  & x=2 && \\text{divide by 2}\n\\end{align*}',
    );
    expect(tex).toContain('\\textbf{Answer:} \\(x=2\\)');
    expect(tex.trim().endsWith('\\end{document}')).toBe(true);
  });

  it('escapes every LaTeX special character in text', () => {
    expect(escapeLatexText('50% of $x_1 {a} #2 ~ ^ \\')).toBe(
      '50\\% of \\$x\\_1 \\{a\\} \\#2 \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
  });

  it('keeps inline math in explanations as math, not as escaped dollars', () => {
    expect(latexTextWithMath('Subtract $3$ from both sides & keep $2x$')).toBe(
      'Subtract \\(3\\) from both sides \\& keep \\(2x\\)',
    );
    expect(latexTextWithMath('costs $5')).toBe('costs \\$5');
  });
});
