import type { BoardSnapshot } from '@motionmath/protocol';
import type { ExportKind } from '../editor/actions.ts';
import { equationsToLatex, equationsToMarkdown } from '../editor/export.ts';
import { boardPdf, boardPng, boardSvg } from './boardImage.ts';
import { download } from './download.ts';

/** A file name from the board's title: letters, digits and dashes only. */
export function fileBaseFor(title: string): string {
  return title.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || 'board';
}

/** Downloads the board as `kind`. */
export async function exportBoard(board: BoardSnapshot, title: string, kind: ExportKind) {
  const base = fileBaseFor(title);
  switch (kind) {
    case 'svg':
      download(new Blob([await boardSvg(board)], { type: 'image/svg+xml' }), `${base}.svg`);
      return;
    case 'png':
      download(await boardPng(board), `${base}.png`);
      return;
    case 'md':
      download(
        new Blob([equationsToMarkdown(board.equations, title)], { type: 'text/markdown' }),
        `${base}.md`,
      );
      return;
    case 'tex':
      download(
        new Blob([equationsToLatex(board.equations, title)], { type: 'application/x-tex' }),
        `${base}.tex`,
      );
      return;
    case 'pdf':
      download(await boardPdf(board, title), `${base}.pdf`);
      return;
  }
}
