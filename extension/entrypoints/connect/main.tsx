import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { CONNECT_STATE_KEY, fetchAccount } from '../../lib/server-api.ts';
import { saveSettings } from '../../lib/settings.ts';

/**
 * Where the whiteboard sends the user back with a scoped token (see server-api.ts). The
 * token is accepted only with the one-time `state` the options page stored, and only
 * after the user confirms the account; the fragment is wiped from the address bar at once.
 */
const params = new URLSearchParams(location.hash.slice(1));
history.replaceState(null, '', location.pathname);

function Connect() {
  const [account, setAccount] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const token = params.get('token') ?? '';

  useEffect(() => {
    void (async () => {
      const stored = (await browser.storage.local.get(CONNECT_STATE_KEY))[CONNECT_STATE_KEY] as
        { state: string; serverUrl: string } | undefined;
      await browser.storage.local.remove(CONNECT_STATE_KEY); // one use only
      if (!stored || stored.state !== params.get('state') || token === '') {
        setError('This sign-in was not started from MotionMath settings: nothing was saved.');
        return;
      }
      setServerUrl(stored.serverUrl);
      try {
        setAccount(await fetchAccount(stored.serverUrl, token));
      } catch (e) {
        setError(`The server did not accept the token: ${String(e)}`);
      }
    })();
  }, [token]);

  const confirm = async () => {
    if (!account) return;
    await saveSettings({ serverUrl, token, account });
    await browser.runtime.openOptionsPage();
    window.close();
  };

  return (
    <main>
      <h1 style={{ fontSize: 18 }}>Connect MotionMath</h1>
      {error && <p className="error">{error}</p>}
      {account && (
        <>
          <p>
            Let the extension write to your boards on {serverUrl} as <strong>{account}</strong>?
          </p>
          <button type="button" onClick={() => void confirm()}>
            Connect
          </button>
        </>
      )}
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Connect />
    </StrictMode>,
  );
