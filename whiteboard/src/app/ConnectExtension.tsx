import { useMemo, useState } from 'react';
import type { ApiClient, User } from '../api/client.ts';
import {
  EXTENSION_TOKEN_NAME,
  EXTENSION_TOKEN_SCOPES,
  ExtensionConnectError,
  checkConnectRequest,
  describeExtension,
  extensionRedirect,
} from './extension-connect.ts';

/** Consent screen: the extension gets a scoped token only after the user says so. */
export function ConnectExtension({
  api,
  user,
  redirect,
  state,
  onCancel,
}: {
  api: ApiClient;
  user: User;
  redirect: string;
  state: string;
  onCancel: () => void;
}) {
  const request = useMemo(() => {
    try {
      return { extension: describeExtension(checkConnectRequest(redirect, state)), error: null };
    } catch (error) {
      const message = error instanceof ExtensionConnectError ? error.message : String(error);
      return { extension: null, error: message };
    }
  }, [redirect, state]);
  const { extension, error: requestError } = request;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const allow = async () => {
    setBusy(true);
    setError(null);
    try {
      const token = await api.createApiToken(
        EXTENSION_TOKEN_NAME,
        EXTENSION_TOKEN_SCOPES,
        extension?.origin,
      );
      location.assign(extensionRedirect(redirect, state, token));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <main className="centered">
      <div className="panel" role="dialog" aria-labelledby="connect-title">
        <h1 id="connect-title">Connect the MotionMath extension</h1>
        {requestError ? (
          <p role="alert" className="error-text">
            {requestError}
          </p>
        ) : (
          <>
            <p>
              Asking: <strong data-role="extension-id">{extension?.label}</strong>. Check it is the
              MotionMath extension you installed (your browser lists the id of each extension on its
              extensions page).
            </p>
            <p>
              It will send the equations you write in the air to your boards, as{' '}
              <strong>{user.email}</strong>. It can read and write the boards you can reach, and
              nothing else about your account. Allowing it again replaces its earlier access; you
              can revoke it at any time.
            </p>
            {error && (
              <p role="alert" className="error-text">
                {error}
              </p>
            )}
            <div className="row">
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void allow()}
              >
                Allow
              </button>
              <button type="button" disabled={busy} onClick={onCancel}>
                Cancel
              </button>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
