import { StrictMode, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { extensionUrl } from '../../lib/extension-url.ts';
import { requestHostAccess } from '../../lib/host-access.ts';
import {
  CONNECT_PATH,
  CONNECT_STATE_KEY,
  fetchAccount,
  fetchBoards,
} from '../../lib/server-api.ts';
import type { BoardSummary } from '../../lib/server-api.ts';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../lib/settings.ts';
import type { Settings } from '../../lib/settings.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label>
      {label}
      <br />
      {children}
    </label>
  );
}

function Options() {
  const [s, setS] = useState<Settings>(DEFAULT_SETTINGS);
  const [boards, setBoards] = useState<BoardSummary[]>([]);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [shortcut, setShortcut] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    void loadSettings().then(async (loaded) => {
      setS(loaded);
      // Connected before: the board list loads by itself.
      if (loaded.serverUrl && loaded.token) await loadBoards(loaded);
    });
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then((d) => setCameras(d.filter((x) => x.kind === 'videoinput')));
    void browser.commands
      .getAll()
      .then((c) => setShortcut(c.find((x) => x.name === 'toggle-overlay')?.shortcut ?? ''));
  }, []);

  const update = (patch: Partial<Settings>) => {
    setS({ ...s, ...patch });
    void saveSettings(patch);
  };

  /** Account and boards from the server; false (with the reason shown) when unreachable. */
  async function loadBoards(current: Settings): Promise<boolean> {
    try {
      const account = await fetchAccount(current.serverUrl, current.token);
      const list = await fetchBoards(current.serverUrl, current.token);
      const chosen = list.find((b) => b.id === current.boardId);
      const patch = { account, ...(chosen ? { boardName: chosen.name } : {}) };
      setS((prev) => ({ ...prev, ...patch }));
      void saveSettings(patch);
      setBoards(list);
      setMessage(`Signed in as ${account}`);
      return true;
    } catch (e) {
      setMessage(`Could not reach the server: ${String(e)}`);
      return false;
    }
  }

  /**
   * Access to the server, asked straight from the click (browsers want the request made
   * while handling the click, before any await). Once granted, asking again shows no
   * prompt and resolves true at once. Resolves when the user has answered.
   */
  const askAccess = (): Promise<boolean> => {
    try {
      return requestHostAccess(s.serverUrl).catch(() => false);
    } catch {
      return Promise.resolve(false); // not a URL: loadBoards says so
    }
  };

  const refreshBoards = async () => {
    const access = askAccess();
    // A server that answers CORS for this extension works before the user answers.
    if (await loadBoards(s)) return;
    if (await access) await loadBoards(s);
    else setMessage(`MotionMath needs access to ${s.serverUrl} to reach your boards.`);
  };

  const signIn = async () => {
    void askAccess(); // the connect page then reaches the server with it
    const state = crypto.randomUUID();
    await browser.storage.local.set({ [CONNECT_STATE_KEY]: { state, serverUrl: s.serverUrl } });
    const url = new URL(CONNECT_PATH, s.serverUrl);
    url.searchParams.set('redirect', extensionUrl('/connect.html'));
    url.searchParams.set('state', state);
    await browser.tabs.create({ url: url.toString() });
  };

  return (
    <main style={{ maxWidth: 480 }}>
      <h1 style={{ fontSize: 18 }}>MotionMath settings</h1>
      <Field label="Server URL">
        <input
          type="url"
          name="serverUrl"
          value={s.serverUrl}
          onChange={(e) => update({ serverUrl: e.target.value })}
        />
      </Field>
      <button type="button" onClick={() => void signIn()}>
        Sign in through the whiteboard
      </button>
      <Field label="API token (or paste one made on the whiteboard)">
        <input
          type="password"
          name="token"
          value={s.token}
          onChange={(e) => update({ token: e.target.value })}
        />
      </Field>
      <button type="button" name="refresh" onClick={() => void refreshBoards()}>
        Check account and load boards
      </button>
      <p className="muted" data-role="message">
        {message || (s.account ? `Signed in as ${s.account}` : '')}
      </p>
      <Field label="Board">
        <select
          name="board"
          value={s.boardId}
          onChange={(e) =>
            update({
              boardId: e.target.value,
              boardName: boards.find((b) => b.id === e.target.value)?.name ?? '',
            })
          }
        >
          <option value="">—</option>
          {s.boardId && !boards.some((b) => b.id === s.boardId) && (
            <option value={s.boardId}>{s.boardName || s.boardId}</option>
          )}
          {boards.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Camera">
        <select
          name="camera"
          value={s.cameraId}
          onChange={(e) => update({ cameraId: e.target.value })}
        >
          <option value="">Default camera</option>
          {cameras.map((c, i) => (
            <option key={c.deviceId || i} value={c.deviceId}>
              {c.label || `Camera ${i + 1}`}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Writing mode">
        <select
          name="writingMode"
          value={s.writingMode}
          onChange={(e) => update({ writingMode: e.target.value as Settings['writingMode'] })}
        >
          <option value="point">Point to write (✌ lifts the pen)</option>
          <option value="pinch">Pinch to write</option>
        </select>
      </Field>
      <Field label="Writing hand">
        <select
          name="handedness"
          value={s.handedness}
          onChange={(e) => update({ handedness: e.target.value as Settings['handedness'] })}
        >
          <option value="right">Right</option>
          <option value="left">Left</option>
        </select>
      </Field>
      <Field label={`Sensitivity: ${s.sensitivity} (1 steadier … 5 quicker)`}>
        <input
          type="range"
          name="sensitivity"
          min={1}
          max={5}
          step={1}
          value={s.sensitivity}
          onChange={(e) => update({ sensitivity: Number(e.target.value) })}
        />
      </Field>
      <Field label="Hand model">
        <select
          name="model"
          value={s.model}
          onChange={(e) => update({ model: e.target.value as Settings['model'] })}
        >
          <option value="lite">Lite (faster)</option>
          <option value="full">Full (steadier)</option>
        </select>
      </Field>
      <label>
        <input
          type="checkbox"
          name="showPreview"
          checked={s.showPreview}
          onChange={(e) => update({ showPreview: e.target.checked })}
        />{' '}
        Show the camera preview
      </label>
      <label>
        <input
          type="checkbox"
          name="schoolSymbols"
          checked={s.schoolSymbols}
          onChange={(e) => update({ schoolSymbols: e.target.checked })}
        />{' '}
        School symbols — letters, θ α β ∞ ∫ Σ → |x| (sums, limits, integrals)
        <br />
        <span className="muted">Plain arithmetic reads a little less reliably with it on.</span>
      </label>
      <p>
        Keyboard shortcut: <strong>{shortcut || 'not set'}</strong>{' '}
        <span className="muted">(change it in the browser's extension shortcut settings)</span>
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Options />
    </StrictMode>,
  );
