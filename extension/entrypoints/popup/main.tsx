import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { LinkStatus } from '../../lib/messages.ts';
import { sendMessage } from '../../lib/messaging.ts';
import { loadSettings } from '../../lib/settings.ts';
import type { Settings } from '../../lib/settings.ts';

/** The popup asks the background for the link's state this often while it is open. */
const STATUS_POLL_MS = 1_000;

/** The connection state in words, as it is right now (never "connected" before it is). */
function connectionText(s: Settings, status: LinkStatus | null): string {
  if (!s.serverUrl || !s.token) return 'Not connected: sign in from Settings';
  if (!s.boardId) return 'No board chosen: pick one in Settings';
  if (!status) return 'Checking…';
  if (status.connected) return 'Connected';
  if (status.error) return `Not connected: ${status.error}`;
  return 'Connecting…';
}

function Popup() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<LinkStatus | null>(null);
  useEffect(() => {
    void loadSettings().then(setSettings);
    const poll = () => void sendMessage('linkStatus').then(setStatus, () => setStatus(null));
    poll();
    const timer = setInterval(poll, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const toggle = async () => {
    await sendMessage('toggleActiveTab');
    window.close();
  };
  return (
    <main>
      <h1 style={{ fontSize: 16, margin: '0 0 8px' }}>MotionMath</h1>
      <button type="button" name="toggle" onClick={() => void toggle()}>
        Show / hide the overlay
      </button>
      <p className="muted">Shortcut: Alt+Shift+M (change it in the browser's shortcut settings).</p>
      {settings && (
        <p>
          <span data-role="account">
            {settings.account ? `Signed in as ${settings.account}` : 'Not signed in'}
          </span>
          <br />
          Board:{' '}
          <strong data-role="board">
            {settings.boardName || (settings.boardId ? 'unnamed board' : 'none chosen')}
          </strong>
          <br />
          <span data-role="connection" data-connected={String(status?.connected ?? false)}>
            {connectionText(settings, status)}
          </span>
          {status && status.queued > 0 ? ` · ${status.queued} waiting to send` : ''}
        </p>
      )}
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Settings
      </button>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Popup />
    </StrictMode>,
  );
