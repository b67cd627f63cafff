import { describe, expect, it } from 'vitest';
import { renderMath, splitInlineMath } from './Math.tsx';

describe('math text', () => {
  it('splits explanations into text and $…$ math', () => {
    expect(splitInlineMath('Divide both sides by $2$.')).toEqual([
      { math: false, text: 'Divide both sides by ' },
      { math: true, text: '2' },
      { math: false, text: '.' },
    ]);
    expect(splitInlineMath('no math')).toEqual([{ math: false, text: 'no math' }]);
    expect(splitInlineMath('$a$$b$')).toEqual([
      { math: true, text: 'a' },
      { math: true, text: 'b' },
    ]);
  });

  it('renders untrusted LaTeX without links or raw HTML', () => {
    const html = renderMath('\\href{javascript:alert(1)}{x} + \\htmlId{a}{y}');
    expect(html).not.toMatch(/href=/);
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('id="a"');
  });
});
