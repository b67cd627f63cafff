import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { ApiClient, BoardInfo, User } from '../api/client.ts';
import { BoardConnection } from '../collab/connection.ts';
import { colorFor, withDistinctColors } from '../collab/presence.ts';
import type { ActionContext, ActionUi, DialogKind } from '../editor/actions.ts';
import { Editor } from '../editor/editor.ts';
import { MathDraftStore } from '../editor/math-draft.ts';
import { mathjsFromLatex, Recognizer } from '../math/recognition.ts';
import type { PersonalSamples } from '../math/personal-samples.ts';
import { SchoolSymbols } from '../math/school-symbols.ts';
import { BoardGuide } from '../tour/BoardGuide.tsx';
import { BoardCanvas } from './BoardCanvas.tsx';
import { HelpDialog } from './dialogs/HelpDialog.tsx';
import { ShareDialog } from './dialogs/ShareDialog.tsx';
import { SchoolSymbolsChoice } from './SchoolSymbolsChoice.tsx';
import { TypeDialog } from './dialogs/TypeDialog.tsx';
import { EmptyBoardHint } from './EmptyBoardHint.tsx';
import { exportBoard } from './exportBoard.ts';
import { Toolbar } from './Toolbar.tsx';
import { TopBar } from './TopBar.tsx';
import { useFollow } from './useFollow.ts';
import { useKeyboard } from './useKeyboard.ts';
import { useLiveStroke } from './useLiveStroke.ts';
import { useStore, useStoreSelector } from './useStore.ts';

export { RECOGNIZE_IDLE_MS } from '../editor/math-draft.ts';

function createRecognizer(): Recognizer {
  return new Recognizer(
    () => new Worker(new URL('../math/recognize.worker.ts', import.meta.url), { type: 'module' }),
  );
}

const localStorageOrNull = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

interface Session {
  readonly doc: Y.Doc;
  readonly connection: BoardConnection;
  readonly editor: Editor;
  readonly recognizer: Recognizer;
  readonly draft: MathDraftStore;
  readonly schoolSymbols: SchoolSymbols;
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
  const { wsUrl, boardId, user, samples } = props;
  const [session, setSession] = useState<Session | null>(null);
  // Read when a symbol is corrected: signing in must not restart the board.
  const samplesRef = useRef(samples);
  samplesRef.current = samples;
  useEffect(() => {
    const doc = new Y.Doc();
    const editor = new Editor({ doc, author: user.id, readOnly: true });
    const recognizer = createRecognizer();
    const created: Session = {
      doc,
      connection: new BoardConnection({ url: wsUrl, boardId, doc }),
      editor,
      recognizer,
      draft: new MathDraftStore({
        editor,
        recognizer,
        // A corrected symbol becomes a sample of the account (or of this page, signed out).
        learn: (label, strokes) => {
          if (samplesRef.current) samplesRef.current.add(label, strokes);
          else recognizer.addSample(label, strokes);
        },
        toMathjs: mathjsFromLatex,
      }),
      schoolSymbols: new SchoolSymbols(localStorageOrNull()),
    };
    // The reader follows the choice at once: the draft on screen is read again with it.
    const school = created.schoolSymbols;
    if (school.getState()) recognizer.setVocabulary(school.vocabulary);
    const offSchool = school.subscribe(() => {
      recognizer.setVocabulary(school.vocabulary);
      created.draft.reread();
    });
    const offOtherTabs = school.followOtherTabs(window);
    setSession(created);
    return () => {
      offSchool();
      offOtherTabs();
      created.draft.destroy();
      created.recognizer.destroy();
      created.editor.destroy();
      created.connection.destroy();
      doc.destroy();
    };
  }, [wsUrl, boardId, user.id]);
  return session ? <BoardView {...props} session={session} /> : null;
}

/** The open board: the canvas and its cards, the bars over it, dialogs and the keyboard. */
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
  const { connection, editor, recognizer, draft, schoolSymbols } = session;
  const conn = useStore(connection);
  const role = info?.role ?? 'viewer';
  const readOnly = role === 'viewer' || conn.readOnly;
  // Only what the screen itself shows: not the stroke being drawn, not the selection.
  const editorReadOnly = useStoreSelector(editor, (s) => s.readOnly);
  const zoom = useStoreSelector(editor, (s) => s.camera.z);
  useStoreSelector(editor, (s) => s.revision);
  const board = editor.board;

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

  useEffect(() => {
    connection.setUser({
      id: user.id,
      name: user.displayName || user.email,
      color: colorFor(user.id),
      role,
    });
  }, [connection, user, role]);
  const { peers, myColor } = useMemo(
    () =>
      withDistinctColors(conn.peers, { clientId: connection.clientId, color: colorFor(user.id) }),
    [conn.peers, connection, user.id],
  );
  const { following, followed, setFollowing, stopFollowing } = useFollow(editor, connection, peers);
  const onUserPan = stopFollowing;
  useLiveStroke(editor, connection);

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

  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  // The document's title follows renames live; the API's name covers the first sync.
  const title = board.meta?.title ?? info?.name ?? 'Board';
  const latest = useRef({ title, dialog, exportOpen });
  latest.current = { title, dialog, exportOpen };
  const ui: ActionUi = useMemo(
    () => ({
      openDialog: (kind) => setDialog(kind),
      toggleDialog: (kind) => setDialog((open) => (open === kind ? null : kind)),
      closeAll: () => {
        const open = latest.current.dialog !== null || latest.current.exportOpen;
        setDialog(null);
        setExportOpen(false);
        return open;
      },
      exportAs: (kind) => {
        setExportOpen(false);
        void exportBoard(editor.board, latest.current.title, kind);
      },
      stopFollowing,
      renameBoard: () => setRenaming(true),
    }),
    [editor, stopFollowing],
  );
  const ctx: ActionContext = useMemo(
    () => ({ editor, draft, ui, schoolSymbols }),
    [editor, draft, ui, schoolSymbols],
  );
  const spaceHeld = useKeyboard(ctx);
  const addTyped = useCallback(
    async (latex: string) => {
      const mathjs = await mathjsFromLatex(latex);
      editor.addEquation({ source: 'typed', latex, mathjs, confidence: 1 });
      setDialog(null);
    },
    [editor],
  );

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
  return (
    <div
      className="board-screen"
      data-connection={conn.status}
      data-synced={conn.synced ? 'true' : 'false'}
      data-unsynced={conn.unsynced}
      data-read-only={editorReadOnly ? 'true' : 'false'}
      data-stroke-count={board.strokes.length}
      data-equation-count={board.equations.length}
      data-zoom={zoom}
      data-personal-samples={sampleCount}
    >
      <BoardCanvas
        editor={editor}
        draft={draft}
        schoolSymbols={schoolSymbols}
        user={user}
        peers={peers}
        spaceHeld={spaceHeld}
        onCursor={(p) => connection.setCursor(p)}
        onUserPan={onUserPan}
      />

      {(conn.synced || conn.cached) &&
        !editorReadOnly &&
        board.strokes.length === 0 &&
        board.equations.length === 0 && <EmptyBoardHint ctx={ctx} />}

      {!conn.synced && !conn.cached && !conn.error && (
        <p className="loading" role="status">
          Loading board…
        </p>
      )}

      <TopBar
        title={title}
        rename={
          readOnly || info === null
            ? null
            : {
                editing: renaming,
                onEditingChange: setRenaming,
                onRename: (name) => api.renameBoard(boardId, name),
              }
        }
        viewOnly={readOnly && info !== null}
        conn={conn}
        peers={peers}
        me={user}
        myColor={myColor}
        following={following}
        onFollow={setFollowing}
        exportOpen={exportOpen}
        onExportOpen={setExportOpen}
        canShare={role === 'owner'}
        onShare={() => setDialog('share')}
        ctx={ctx}
        onBack={onBack}
      />

      <Toolbar ctx={ctx} />
      <BoardGuide userId={user.id} samples={samples}>
        <SchoolSymbolsChoice ctx={ctx} />
      </BoardGuide>

      {followed && (
        <div className="follow-banner" role="status">
          Following {followed.user.name}
          <button type="button" onClick={stopFollowing}>
            Stop
          </button>
        </div>
      )}

      {dialog === 'type' && (
        <TypeDialog onAdd={(latex) => void addTyped(latex)} onClose={() => setDialog(null)} />
      )}
      {dialog === 'share' && (
        <ShareDialog api={api} boardId={boardId} onClose={() => setDialog(null)} />
      )}
      {dialog === 'help' && <HelpDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
