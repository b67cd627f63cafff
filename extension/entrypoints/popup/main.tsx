import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { BackgroundRequest, LinkStatus } from '../../lib/messages.ts';
import { loadSettings } from '../../lib/settings.ts';
import type { Settings } from '../../lib/settings.ts';

function Popup() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<LinkStatus | null>(null);
  useEffect(() => {
    void loadSettings().then(setSettings);
    const request: BackgroundRequest = { type: 'link-status' };
    void browser.runtime.sendMessage(request).then((s: LinkStatus) => setStatus(s));
  }, []);
  const toggle = async () => {
    const request: BackgroundRequest = { type: 'toggle-active-tab' };
    await browser.runtime.sendMessage(request);
    window.close();
  };
  return (
    <main>
      <h1 style={{ fontSize: 16, margin: '0 0 8px' }}>MotionMath</h1>
      <button type="button" onClick={() => void toggle()}>
        Show / hide the overlay
      </button>
      <p className="muted">Shortcut: Alt+Shift+M (change it in the browser's shortcut settings).</p>
      {settings && (
        <p>
          {settings.account ? `Signed in as ${settings.account}` : 'Not signed in'}
          <br />
          Board: {settings.boardId || 'none chosen'}
          <br />
          {status?.connected ? 'Connected' : 'Not connected'}
          {status && status.queued > 0 ? ` · ${status.queued} waiting to send` : ''}
          {status?.error ? <span className="error"> · {status.error}</span> : null}
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
