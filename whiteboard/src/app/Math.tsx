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
