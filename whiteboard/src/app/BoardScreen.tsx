import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { initBoard, readMeta } from '@motionmath/protocol';
import type { ApiClient, BoardInfo, ShareLink, User } from '../api/client.ts';
import { BoardConnection } from '../collab/connection.ts';
import { colorFor, initials } from '../collab/presence.ts';
import type { Peer } from '../collab/presence.ts';
import { fitBox, followCamera, screenToBoard } from '../editor/camera.ts';
import type { Box, Point } from '../editor/camera.ts';
import { Editor, NUDGE, ZOOM_STEP } from '../editor/editor.ts';
import { boardToSvg, contentBox, equationsToLatex, equationsToMarkdown } from '../editor/export.ts';
import { isEmptyBox } from '../editor/geometry.ts';
import { mathjsFromLatex, Recognizer } from '../math/recognition.ts';
import type { InkStrokes, RecognitionResult } from '../math/recognition.ts';
import type { PersonalSamples } from '../math/personal-samples.ts';
import { Canvas } from './Canvas.tsx';
import { download, svgToPng } from './download.ts';
import { EquationCard, LatexEditor, confidenceLabel } from './EquationCard.tsx';
import type { EquationActions } from './EquationCard.tsx';
import { MathView } from './Math.tsx';
import { SymbolChips } from './SymbolChips.tsx';
import { commandFor, SHORTCUT_HELP } from './shortcuts.ts';
import { Toolbar } from './Toolbar.tsx';
import { useStore } from './useStore.ts';

/** Math ink is recognized once the writer pauses this long: symbols are written in bursts. */
export const RECOGNIZE_IDLE_MS = 500;
/** Gap between the math ink and the card that appears under it (board units). */
const CARD_GAP = 16;
/** Publishing our view for followers at most this often. */
const VIEW_THROTTLE_MS = 100;

function createRecognizer(): Recognizer {
  return new Recognizer(
    () => new Worker(new URL('../math/recognize.worker.ts', import.meta.url), { type: 'module' }),
  );
}

interface Draft {
  readonly result: RecognitionResult;
  /** The ink that was recognized; symbols' stroke indices point into it. */
  readonly strokes: InkStrokes;
  readonly strokeIds: readonly string[];
  readonly at: Point;
}

interface Session {
  readonly doc: Y.Doc;
  readonly connection: BoardConnection;
  readonly editor: Editor;
  readonly recognizer: Recognizer;
}

interface BoardProps {
  api: ApiClient;
  wsUrl: string;
  boardId: string;
  user: User;
  /** The user's handwriting samples (null until signed in). */
  samples: PersonalSamples | null;
  onBack: () => void;
}

/** Owns the board's document, connection, editor and recognizer for as long as it is open. */
export function BoardScreen(props: BoardProps) {
  const { wsUrl, boardId, user } = props;
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    const doc = new Y.Doc();
    const created: Session = {
      doc,
      connection: new BoardConnection({ url: wsUrl, boardId, doc }),
      editor: new Editor({ doc, author: user.id, readOnly: true }),
      recognizer: createRecognizer(),
    };
    setSession(created);
    return () => {
      created.recognizer.destroy();
      created.editor.destroy();
      created.connection.destroy();
      doc.destroy();
    };
  }, [wsUrl, boardId, user.id]);
  return session ? <BoardView {...props} session={session} /> : null;
}

function BoardView({
  api,
  boardId,
  user,
  samples,
  onBack,
  session,
}: BoardProps & { session: Session }) {
  const [info, setInfo] = useState<BoardInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { doc, connection, editor, recognizer } = session;
  const conn = useStore(connection);
  const state = useStore(editor);
  const role = info?.role ?? 'viewer';
  const readOnly = role === 'viewer' || conn.readOnly;

  useEffect(() => {
    let live = true;
    api.getBoard(boardId).then(
      (b) => live && setInfo(b),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, boardId]);

  useEffect(() => editor.setReadOnly(info === null || readOnly), [editor, info, readOnly]);
  useEffect(() => {
    if (
      info &&
      !readOnly &&
      editor.getState().tool === 'select' &&
      editor.board.strokes.length === 0
    )
      editor.setTool('pen');
  }, [editor, info, readOnly]);

  // A new board's document gets its meta once someone who may write opens it.
  useEffect(() => {
    if (conn.synced && info && !readOnly) {
      try {
        readMeta(doc);
      } catch {
        initBoard(doc, { title: info.name, createdBy: user.id, createdAt: Date.now() });
      }
    }
  }, [conn.synced, info, readOnly, doc, user.id]);

  // ── presence ────────────────────────────────────────────────────────────
  useEffect(() => {
    connection.setUser({
      id: user.id,
      name: user.displayName || user.email,
      color: colorFor(user.id),
      role,
    });
  }, [connection, user, role]);
  const viewport = useRef({ width: 0, height: 0 });
  const [following, setFollowing] = useState<number | null>(null);
  const followed =
    following === null ? null : (conn.peers.find((p) => p.clientId === following) ?? null);
  useEffect(() => {
    if (following !== null && followed === null) setFollowing(null);
  }, [following, followed]);
  useEffect(() => {
    if (followed?.view)
      editor.setCamera(
        followCamera(followed.view, viewport.current.width, viewport.current.height),
      );
  }, [editor, followed?.view]);
  useEffect(() => {
    const t = setTimeout(
      () =>
        connection.setView({
          camera: state.camera,
          width: viewport.current.width || 1,
          height: viewport.current.height || 1,
        }),
      VIEW_THROTTLE_MS,
    );
    return () => clearTimeout(t);
  }, [connection, state.camera]);
  const stopFollowing = useCallback(() => setFollowing(null), []);
  const onCursor = useCallback((p: Point | null) => connection.setCursor(p), [connection]);
  const onSize = useCallback((width: number, height: number) => {
    viewport.current = { width, height };
  }, []);

  // ── math pen ──────────────────────────────────────────────────────────────
  const [draft, setDraft] = useState<Draft | null>(null);
  const [recognizing, setRecognizing] = useState(false);
  const mathKey = state.mathStrokeIds.join(',');
  useEffect(() => {
    if (mathKey === '') {
      setDraft(null);
      return;
    }
    setRecognizing(true);
    let live = true;
    const t = setTimeout(() => {
      const ink = editor.mathInk();
      if (!ink.box) return;
      const box = ink.box;
      void recognizer.recognize(ink.strokes).then((result) => {
        if (!live) return;
        setRecognizing(false);
        setDraft({
          result,
          strokes: ink.strokes,
          strokeIds: ink.ids,
          at: { x: box.minX, y: box.maxY + CARD_GAP },
        });
      });
    }, RECOGNIZE_IDLE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [mathKey, editor, recognizer]);
  const confirmDraft = useCallback(
    async (latex?: string, confidence?: number) => {
      if (!draft) return;
      const chosen = latex ?? draft.result.latex;
      if (!chosen) return;
      const alternatives = [
        {
          latex: draft.result.latex,
          mathjs: draft.result.mathjs,
          confidence: draft.result.confidence,
        },
        ...draft.result.alternatives,
      ].filter((a) => a.latex !== chosen && a.latex !== '');
      const known =
        chosen === draft.result.latex
          ? draft.result.mathjs
          : draft.result.alternatives.find((a) => a.latex === chosen)?.mathjs;
      const mathjs = known ?? (await mathjsFromLatex(chosen));
      editor.addEquation({
        source: 'whiteboard',
        latex: chosen,
        mathjs,
        confidence: confidence ?? (chosen === draft.result.latex ? draft.result.confidence : 1),
        alternatives: alternatives.slice(0, 5),
        strokeIds: draft.strokeIds,
        x: draft.at.x,
        y: draft.at.y,
      });
      editor.clearMathInk(false);
      setDraft(null);
    },
    [draft, editor],
  );
  // The recognizer learns the user's hand: their samples follow them to every board.
  const [sampleCount, setSampleCount] = useState(0);
  useEffect(
    () =>
      samples?.subscribe((change) => {
        if (change.kind === 'add') recognizer.addSample(change.sample.label, change.sample.strokes);
        else recognizer.setSamples(change.file);
        setSampleCount(samples.current.samples.length);
      }),
    [samples, recognizer],
  );
  /** A chip corrected to `label`: its strokes become a sample, and the draft is read again. */
  const correctSymbol = useCallback(
    (index: number, label: string) => {
      const symbol = draft?.result.symbols[index];
      if (!draft || !symbol) return;
      const strokes = symbol.strokes
        .map((i) => draft.strokes[i])
        .filter((stroke) => stroke !== undefined);
      if (strokes.length === 0) return;
      if (samples) samples.add(label, strokes);
      else recognizer.addSample(label, strokes);
      setRecognizing(true);
      void recognizer.recognize(draft.strokes).then((result) => {
        setRecognizing(false);
        // Newer ink replaced the draft meanwhile: its own recognition wins.
        setDraft((current) => (current === draft ? { ...draft, result } : current));
      });
    },
    [draft, samples, recognizer],
  );
  const discardDraft = useCallback(() => {
    editor.clearMathInk(true);
    setDraft(null);
  }, [editor]);

  // ── typed equations, share, export, help ─────────────────────────────────
  const [typing, setTyping] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const addTyped = async (latex: string) => {
    const mathjs = await mathjsFromLatex(latex);
    const at = screenToBoard(
      state.camera,
      freeSpotForCard(viewport.current.width, viewport.current.height),
    );
    editor.addEquation({
      source: 'typed',
      latex,
      mathjs,
      confidence: 1,
      x: at.x,
      y: at.y,
    });
    setTyping(false);
  };
  // The document's title follows renames live; the API's name covers the first sync.
  const title = editor.board.meta?.title ?? info?.name ?? 'Board';
  const fileBase = title.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || 'board';
  const exportAs = async (kind: 'png' | 'svg' | 'md' | 'tex') => {
    const board = editor.board;
    setExportOpen(false);
    if (kind === 'svg')
      download(new Blob([boardToSvg(board)], { type: 'image/svg+xml' }), `${fileBase}.svg`);
    if (kind === 'png') download(await svgToPng(boardToSvg(board)), `${fileBase}.png`);
    if (kind === 'md')
      download(
        new Blob([equationsToMarkdown(board.equations, title)], { type: 'text/markdown' }),
        `${fileBase}.md`,
      );
    if (kind === 'tex')
      download(
        new Blob([equationsToLatex(board.equations, title)], { type: 'application/x-tex' }),
        `${fileBase}.tex`,
      );
  };

  // ── equation card moves ───────────────────────────────────────────────────
  const [moving, setMoving] = useState<{ id: string; offset: Point } | null>(null);
  const actions: EquationActions = useMemo(
    () => ({
      edit: (id, latex, confidence, mathjs) =>
        void (async () =>
          editor.editEquation(
            id,
            latex,
            mathjs ?? (await mathjsFromLatex(latex)),
            confidence ?? 1,
          ))(),
      remove: (id) => editor.deleteEquation(id),
      startMove: (id, e) => {
        if ((e.target as HTMLElement).closest('button')) return;
        const start = { x: e.clientX, y: e.clientY };
        const z = editor.getState().camera.z;
        const target = e.currentTarget as HTMLElement;
        target.setPointerCapture(e.pointerId);
        const offsetOf = (ev: PointerEvent) => ({
          x: (ev.clientX - start.x) / z,
          y: (ev.clientY - start.y) / z,
        });
        const move = (ev: PointerEvent) => setMoving({ id, offset: offsetOf(ev) });
        const up = (ev: PointerEvent) => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
          const o = offsetOf(ev);
          const eq = editor.board.equations.find((q) => q.id === id);
          if (eq && (o.x !== 0 || o.y !== 0)) editor.moveEquation(id, eq.x + o.x, eq.y + o.y);
          setMoving(null);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      },
    }),
    [editor],
  );

  // ── keyboard ─────────────────────────────────────────────────────────────
  const [spaceHeld, setSpaceHeld] = useState(false);
  useEffect(() => {
    const typingTarget = (t: EventTarget | null) =>
      t instanceof HTMLElement &&
      (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
    const down = (e: KeyboardEvent) => {
      if (typingTarget(e.target)) return;
      if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        setSpaceHeld(true);
        return;
      }
      if (draft && e.key === 'Enter') {
        e.preventDefault();
        void confirmDraft();
        return;
      }
      const command = commandFor(e);
      if (!command) return;
      const centre = { x: viewport.current.width / 2, y: viewport.current.height / 2 };
      switch (command.kind) {
        case 'tool':
          editor.setTool(command.tool);
          break;
        case 'undo':
          editor.undo();
          break;
        case 'redo':
          editor.redo();
          break;
        case 'delete':
          editor.deleteSelection();
          break;
        case 'selectAll':
          editor.selectAll();
          break;
        case 'escape':
          if (draft) discardDraft();
          else editor.clearSelection();
          setHelpOpen(false);
          setExportOpen(false);
          break;
        case 'zoomIn':
          editor.zoomBy(ZOOM_STEP, centre);
          break;
        case 'zoomOut':
          editor.zoomBy(1 / ZOOM_STEP, centre);
          break;
        case 'zoomReset':
          editor.zoomBy(1 / editor.getState().camera.z, centre);
          break;
        case 'zoomFit': {
          const box = contentBox(editor.board);
          if (!isEmptyBox(box))
            editor.setCamera(fitBox(box, viewport.current.width, viewport.current.height));
          break;
        }
        case 'typeEquation':
          if (!editor.getState().readOnly) setTyping(true);
          break;
        case 'nudge':
          if (editor.getState().selection.size === 0) return;
          editor.nudgeSelection(command.dx * NUDGE, command.dy * NUDGE);
          break;
        case 'help':
          setHelpOpen((v) => !v);
          break;
      }
      e.preventDefault();
      if (command.kind !== 'tool') stopFollowing();
    };
    const up = (e: KeyboardEvent) => e.key === ' ' && setSpaceHeld(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [editor, draft, confirmDraft, discardDraft, stopFollowing]);

  const board = editor.board;
  if (loadError) {
    return (
      <main className="centered">
        <div className="panel">
          <h1>Cannot open this board</h1>
          <p role="alert">{loadError}</p>
          <button type="button" className="primary" onClick={onBack}>
            Back to boards
          </button>
        </div>
      </main>
    );
  }
  const statusText = conn.error
    ? `Refused: ${conn.error}`
    : conn.status === 'online'
      ? conn.unsynced > 0
        ? 'Saving…'
        : 'Online'
      : conn.status === 'connecting'
        ? 'Connecting…'
        : 'Offline — changes are kept and will sync';
  return (
    <div
      className="board-screen"
      data-connection={conn.status}
      data-synced={conn.synced ? 'true' : 'false'}
      data-read-only={state.readOnly ? 'true' : 'false'}
      data-stroke-count={board.strokes.length}
      data-equation-count={board.equations.length}
      data-zoom={state.camera.z}
      data-personal-samples={sampleCount}
    >
      <Canvas
        editor={editor}
        peers={conn.peers}
        spaceHeld={spaceHeld}
        onCursor={onCursor}
        onSize={onSize}
        onUserPan={stopFollowing}
      >
        {board.equations.map((eq) => (
          <EquationCard
            key={eq.id}
            equation={eq}
            readOnly={state.readOnly}
            actions={actions}
            offset={moving?.id === eq.id ? moving.offset : null}
          />
        ))}
        {(draft || recognizing) && state.mathStrokeIds.length > 0 && (
          <DraftCard
            draft={draft}
            at={draftCardAt(editor.mathInk().box, draft)}
            writing={state.tool === 'math'}
            inkInProgress={state.draft !== null}
            recognizing={recognizing}
            onCorrectSymbol={correctSymbol}
            onConfirm={confirmDraft}
            onDiscard={discardDraft}
          />
        )}
      </Canvas>

      {!conn.synced && !conn.cached && !conn.error && (
        <p className="loading" role="status">
          Loading board…
        </p>
      )}

      <header className="topbar left">
        <button type="button" className="icon" aria-label="Back to boards" onClick={onBack}>
          ←
        </button>
        <h1 className="board-title">{title}</h1>
        {readOnly && info && <span className="pill">View only</span>}
      </header>

      <div className="topbar right">
        <span
          className={`conn conn-${conn.error ? 'error' : conn.status}`}
          role="status"
          aria-live="polite"
          data-testid="connection"
        >
          <span className="dot" aria-hidden="true" />
          {statusText}
        </span>
        <PresenceList peers={conn.peers} me={user} following={following} onFollow={setFollowing} />
        <div className="menu-wrap">
          <button
            type="button"
            aria-haspopup="menu"
            aria-expanded={exportOpen}
            onClick={() => setExportOpen((v) => !v)}
          >
            Export
          </button>
          {exportOpen && (
            <div className="menu" role="menu">
              <button type="button" role="menuitem" onClick={() => void exportAs('png')}>
                PNG image
              </button>
              <button type="button" role="menuitem" onClick={() => void exportAs('svg')}>
                SVG image
              </button>
              <button type="button" role="menuitem" onClick={() => void exportAs('md')}>
                Equations as Markdown
              </button>
              <button type="button" role="menuitem" onClick={() => void exportAs('tex')}>
                Equations as LaTeX
              </button>
            </div>
          )}
        </div>
        {role === 'owner' && (
          <button type="button" className="primary" onClick={() => setShareOpen(true)}>
            Share
          </button>
        )}
        <button
          type="button"
          className="icon"
          aria-label="Keyboard shortcuts (?)"
          onClick={() => setHelpOpen((v) => !v)}
        >
          ?
        </button>
      </div>

      <Toolbar editor={editor} onTypeEquation={() => setTyping(true)} />

      {followed && (
        <div className="follow-banner" role="status">
          Following {followed.user.name}
          <button type="button" onClick={stopFollowing}>
            Stop
          </button>
        </div>
      )}

      {typing && (
        <Dialog title="Type an equation" onClose={() => setTyping(false)}>
          <LatexEditor
            initial=""
            saveLabel="Add to board"
            onSave={(latex) => void addTyped(latex)}
            onCancel={() => setTyping(false)}
          />
        </Dialog>
      )}
      {shareOpen && <ShareDialog api={api} boardId={boardId} onClose={() => setShareOpen(false)} />}
      {helpOpen && (
        <Dialog title="Keyboard shortcuts" onClose={() => setHelpOpen(false)}>
          <table className="shortcuts">
            <tbody>
              {SHORTCUT_HELP.map(([keys, what]) => (
                <tr key={keys}>
                  <td>
                    <kbd>{keys}</kbd>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
    </div>
  );
}

/** Expected size of a new card on screen, to keep it clear of the cards already shown. */
const NEW_CARD_SIZE = { width: 320, height: 180 };

/** A screen point near the top centre where a new card overlaps no card already shown. */
function freeSpotForCard(width: number, height: number): Point {
  const rects = [...document.querySelectorAll('[data-equation-id]')].map((el) =>
    el.getBoundingClientRect(),
  );
  const left = Math.max(16, width / 2 - NEW_CARD_SIZE.width / 2);
  let top = Math.max(80, height / 4);
  // Each pass moves below one overlapping card; at most one pass per card.
  for (let pass = 0; pass <= rects.length; pass++) {
    const hit = rects.find(
      (r) =>
        r.left < left + NEW_CARD_SIZE.width &&
        r.right > left &&
        r.top < top + NEW_CARD_SIZE.height &&
        r.bottom > top,
    );
    if (!hit) break;
    top = hit.bottom + CARD_GAP;
  }
  return { x: left, y: top };
}

/**
 * Where the draft card sits: under all the math ink written so far (it follows the ink as
 * the expression grows, not where the first reading was), else where that reading was.
 */
function draftCardAt(ink: Box | null, draft: Draft | null): Point {
  if (ink) return { x: ink.minX, y: ink.maxY + CARD_GAP };
  return draft?.at ?? { x: 0, y: 0 };
}

/** Controls on the card that a pen-down must still reach (buttons, the LaTeX editor, menus). */
const CARD_CONTROLS = 'button, input, textarea, select, a, [role="menu"], [contenteditable]';

function DraftCard({
  draft,
  at,
  writing,
  inkInProgress,
  recognizing,
  onCorrectSymbol,
  onConfirm,
  onDiscard,
}: {
  draft: Draft | null;
  at: Point;
  /** The math pen is on: a pen-down on the card's surface writes, it is not a click. */
  writing: boolean;
  /** A stroke is being drawn: the card steps aside so the ink under it shows. */
  inkInProgress: boolean;
  recognizing: boolean;
  onCorrectSymbol: (index: number, label: string) => void;
  onConfirm: (latex?: string, confidence?: number) => void;
  onDiscard: () => void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <article
      className={`card draft${inkInProgress ? ' under-pen' : ''}`}
      style={{ left: at.x, top: at.y }}
      aria-label="Recognized math"
      onPointerDown={(e) => {
        // The card appears right under the ink while the expression is still being written
        // (a fraction's bar and denominator go exactly there): with the math pen, only its
        // controls take a pen-down; anywhere else the stroke starts as if the card were not there.
        const control = e.target instanceof Element && e.target.closest(CARD_CONTROLS) !== null;
        if (writing && !control) return;
        e.stopPropagation();
      }}
    >
      <header className="card-head">
        <span className="badge status-draft">{recognizing ? 'Reading…' : 'Recognized'}</span>
        {draft && <span className="confidence">{confidenceLabel(draft.result.confidence)}</span>}
      </header>
      {draft && !editing && (
        <>
          <div className="math-main" data-latex={draft.result.latex}>
            <MathView latex={draft.result.latex || '?'} display />
          </div>
          {!recognizing && (
            <SymbolChips symbols={draft.result.symbols} onCorrect={onCorrectSymbol} />
          )}
          {draft.result.alternatives.length > 0 && (
            <div className="alternatives" role="group" aria-label="Other readings">
              <span className="label">Or</span>
              {draft.result.alternatives.map((a) => (
                <button
                  key={a.latex}
                  type="button"
                  className="chip"
                  aria-label={`Use ${a.latex}`}
                  onClick={() => onConfirm(a.latex, a.confidence)}
                >
                  <MathView latex={a.latex} />
                </button>
              ))}
            </div>
          )}
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => onConfirm()}
              disabled={!draft.result.latex}
            >
              Confirm ⏎
            </button>
            <button type="button" onClick={() => setEditing(true)}>
              Correct…
            </button>
            <button type="button" onClick={onDiscard}>
              Discard
            </button>
          </div>
        </>
      )}
      {draft && editing && (
        <LatexEditor
          initial={draft.result.latex}
          saveLabel="Confirm"
          onSave={(latex) => onConfirm(latex, 1)}
          onCancel={() => setEditing(false)}
        />
      )}
    </article>
  );
}

function PresenceList({
  peers,
  me,
  following,
  onFollow,
}: {
  peers: readonly Peer[];
  me: User;
  following: number | null;
  onFollow: (clientId: number | null) => void;
}) {
  const name = me.displayName || me.email;
  return (
    <ul className="presence" aria-label="People on this board">
      <li>
        <span
          className="avatar"
          style={{ background: colorFor(me.id) }}
          title={`${name} (you)`}
          aria-label={`${name} (you)`}
        >
          {initials(name)}
        </span>
      </li>
      {peers.map((peer) => (
        <li key={peer.clientId}>
          <button
            type="button"
            className={`avatar${following === peer.clientId ? ' following' : ''}`}
            style={{ background: peer.user.color }}
            title={
              following === peer.clientId
                ? `Stop following ${peer.user.name}`
                : `Follow ${peer.user.name}`
            }
            aria-label={
              following === peer.clientId
                ? `Stop following ${peer.user.name}`
                : `Follow ${peer.user.name}`
            }
            aria-pressed={following === peer.clientId}
            onClick={() => onFollow(following === peer.clientId ? null : peer.clientId)}
          >
            {initials(peer.user.name)}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      <h2>{title}</h2>
      {children}
      <button type="button" className="icon close" aria-label="Close" onClick={onClose}>
        ×
      </button>
    </dialog>
  );
}

function ShareDialog({
  api,
  boardId,
  onClose,
}: {
  api: ApiClient;
  boardId: string;
  onClose: () => void;
}) {
  const [role, setRole] = useState<'editor' | 'viewer'>('editor');
  const [link, setLink] = useState<ShareLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const create = () => {
    setError(null);
    setCopied(false);
    api
      .createShareLink(boardId, role)
      .then(setLink, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <Dialog title="Share this board" onClose={onClose}>
      <fieldset className="roles">
        <legend>People with the link can</legend>
        <label>
          <input
            type="radio"
            name="role"
            checked={role === 'editor'}
            onChange={() => setRole('editor')}
          />{' '}
          edit
        </label>
        <label>
          <input
            type="radio"
            name="role"
            checked={role === 'viewer'}
            onChange={() => setRole('viewer')}
          />{' '}
          view only
        </label>
      </fieldset>
      <button type="button" className="primary" onClick={create}>
        Create link
      </button>
      {link && (
        <div className="share-link">
          <label>
            <span className="label">
              Link ({link.role}, expires {new Date(link.expiresAt).toLocaleDateString()})
            </span>
            <input
              readOnly
              value={link.url}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="share-url"
            />
          </label>
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard?.writeText(link.url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Dialog>
  );
}
