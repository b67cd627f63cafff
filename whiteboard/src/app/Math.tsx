import katex from 'katex';
import { useMemo } from 'react';

/** Rendered with `trust: false`: LaTeX from the board is untrusted (no \href, \url, \html…). */
export function renderMath(latex: string, display = false): string {
  return katex.renderToString(latex, {
    trust: false,
    throwOnError: false,
    displayMode: display,
    strict: 'ignore',
    maxSize: 20,
    maxExpand: 200,
    output: 'htmlAndMathml',
  });
}

export function MathView({
  latex,
  display = false,
  className,
}: {
  latex: string;
  display?: boolean;
  className?: string;
}) {
  const html = useMemo(() => renderMath(latex, display), [latex, display]);
  // KaTeX output with trust:false is safe markup; it is the documented way to embed it.
  return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Plain text with `$…$` inline math (how solver explanations quote formulas). */
export function splitInlineMath(text: string): { math: boolean; text: string }[] {
  const parts: { math: boolean; text: string }[] = [];
  const re = /\$([^$]+)\$/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) parts.push({ math: false, text: text.slice(last, m.index) });
    parts.push({ math: true, text: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ math: false, text: text.slice(last) });
  return parts;
}

export function RichText({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className}>
      {splitInlineMath(text).map((p, i) =>
        p.math ? <MathView key={i} latex={p.text} /> : <span key={i}>{p.text}</span>,
      )}
    </span>
  );
}
