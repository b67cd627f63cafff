import { HocuspocusProvider } from '@hocuspocus/provider';
import { addEquation, addStroke, effectiveStatus, listEquations } from '@motionmath/protocol';
import type { Equation } from '@motionmath/protocol';
import * as Y from 'yjs';
import type { EquationDraft, EquationStatus, LinkStatus } from './messages.ts';

/**
 * The extension's connection to one board: a Hocuspocus provider in the background
 * context. Equations go into an outbox first (persisted by the caller), are written with
 * the protocol's validated builders once the board is synced, and leave the outbox only
 * when the server has acknowledged them (`unsyncedChanges` back to 0: the server commits
 * an update before acknowledging it). Answers are reported as the solver writes them.
 */

/** The persisted outbox; updates must run one after another (`SerializedValue`). */
export interface OutboxStore {
  get(): Promise<EquationDraft[]>;
  update(fn: (items: EquationDraft[]) => EquationDraft[]): Promise<EquationDraft[]>;
}

export interface BoardLinkOptions {
  serverUrl: string;
  token: string;
  boardId: string;
  author: string;
  store: OutboxStore;
  onUpdate(id: string, status: EquationStatus, answer: string | null, error: string | null): void;
}

/** `ws(s)://` URL of the server's Hocuspocus endpoint (same origin as the HTTP API). */
export function websocketUrl(serverUrl: string): string {
  return serverUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
}

const INK_COLOR = '#2563eb';
const INK_WIDTH = 3;
/** Where equations from the extension land on the board (board px), one under another. */
const EQUATION_ORIGIN = { x: 80, y: 80 };
const EQUATION_SPACING_Y = 140;

export class BoardLink {
  readonly boardId: string;
  private readonly options: BoardLinkOptions;
  private readonly doc = new Y.Doc();
  private readonly provider: HocuspocusProvider;
  private synced = false;
  private flushing = false;
  private error: string | null = null;
  private queued = 0;
  /** Equation ids sent by this extension whose final status we have not reported yet. */
  private readonly watching = new Map<string, EquationStatus>();

  constructor(options: BoardLinkOptions) {
    this.options = options;
    this.boardId = options.boardId;
    this.provider = new HocuspocusProvider({
      url: websocketUrl(options.serverUrl),
      name: options.boardId,
      token: options.token,
      document: this.doc,
      onSynced: () => {
        this.synced = true;
        this.error = null;
        this.reportAnswers();
        void this.flush();
      },
      onAuthenticationFailed: ({ reason }) => {
        this.error = `not allowed: ${reason}`;
      },
      onDisconnect: () => {
        this.synced = false;
      },
      onUnsyncedChanges: () => void this.flush(),
    });
    this.doc.getMap('equations').observeDeep(() => this.reportAnswers());
  }

  status(): LinkStatus {
    return {
      connected: this.synced,
      configured: true,
      queued: this.queued,
      boardId: this.boardId,
      error: this.error,
    };
  }

  /** Queue an equation and try to send everything queued. */
  async send(draft: EquationDraft): Promise<void> {
    const items = await this.options.store.update((items) =>
      items.some((i) => i.id === draft.id) ? items : [...items, draft],
    );
    this.queued = items.length;
    this.watching.set(draft.id, 'queued');
    this.options.onUpdate(draft.id, 'queued', null, null);
    await this.flush();
  }

  /**
   * Report the statuses of equations sent earlier (by an earlier service worker, whose
   * memory is gone) as the board changes, until each reaches a final one.
   */
  watch(ids: readonly string[]): void {
    for (const id of ids) if (!this.watching.has(id)) this.watching.set(id, 'sent');
    if (this.synced) this.reportAnswers();
  }

  /** Write every queued equation not on the board yet; drop the acknowledged ones. */
  async flush(): Promise<void> {
    if (!this.synced || this.flushing) return;
    this.flushing = true;
    try {
      const items = await this.options.store.get();
      this.queued = items.length;
      if (items.length === 0) return;
      const onBoard = new Set(listEquations(this.doc).items.map((e) => e.id));
      let row = onBoard.size;
      for (const draft of items) {
        if (onBoard.has(draft.id)) continue;
        this.write(draft, row++);
        this.watching.set(draft.id, 'sent');
      }
      // Acknowledged = committed by the server; until then the outbox keeps them.
      if (this.provider.unsyncedChanges === 0) {
        const onBoardNow = new Set(listEquations(this.doc).items.map((e) => e.id));
        const left = await this.options.store.update((all) =>
          all.filter((d) => !onBoardNow.has(d.id)),
        );
        this.queued = left.length;
        for (const d of items) if (this.watching.get(d.id) === 'sent') this.report(d.id);
      }
    } catch (e) {
      this.error = String(e);
    } finally {
      this.flushing = false;
    }
  }

  private write(draft: EquationDraft, row: number): void {
    const now = Date.now();
    const author = this.options.author;
    this.doc.transact(() => {
      const strokeIds = draft.strokes.map(
        (s, i) =>
          addStroke(this.doc, {
            id: `${draft.id}-s${i}`,
            points: s.points.map((p) => ({
              x: EQUATION_ORIGIN.x + p.x,
              y: EQUATION_ORIGIN.y + row * EQUATION_SPACING_Y + p.y,
              pressure: 0.5,
              t: p.t,
            })),
            color: INK_COLOR,
            width: INK_WIDTH,
            author,
            createdAt: now,
          }).id,
      );
      addEquation(this.doc, {
        id: draft.id,
        source: 'extension',
        latex: draft.latex,
        mathjs: draft.mathjs,
        confidence: draft.confidence,
        alternatives: draft.alternatives,
        strokeIds,
        author,
        x: EQUATION_ORIGIN.x,
        y: EQUATION_ORIGIN.y + row * EQUATION_SPACING_Y,
        now,
      });
    });
  }

  private report(id: string): void {
    const eq = listEquations(this.doc).items.find((e) => e.id === id);
    if (!eq) return;
    const status = effectiveStatus(eq);
    if (this.watching.get(id) === status) return;
    this.watching.set(id, status);
    this.options.onUpdate(id, status, answerOf(eq, status), eq.error ?? null);
    if (status === 'solved' || status === 'unsupported' || status === 'error')
      this.watching.delete(id);
  }

  private reportAnswers(): void {
    for (const id of [...this.watching.keys()])
      if (this.watching.get(id) !== 'queued') this.report(id);
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

function answerOf(eq: Equation, status: EquationStatus): string | null {
  return status === 'solved' ? (eq.answer?.latex ?? null) : null;
}
