import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { ApiClient, User } from '../api/client.ts';
import { AuthScreen } from './AuthScreen.tsx';
import { BoardList } from './BoardList.tsx';
import { BoardScreen } from './BoardScreen.tsx';
import { ConnectExtension } from './ConnectExtension.tsx';
import { PersonalSamples } from '../math/personal-samples.ts';
import { parseRoute, routePath } from './routes.ts';
import type { Route } from './routes.ts';

/** Why a share link did not let us in, for the person who clicked it. */
function joinError(e: unknown): string {
  if (e instanceof ApiError && e.status === 404)
    return 'This link no longer works: the board’s owner revoked it, or it has expired. Ask them for a new link.';
  return `You could not join the board: ${e instanceof Error ? e.message : String(e)}`;
}

export function App({ api, wsUrl }: { api: ApiClient; wsUrl: string }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.pathname, location.search));
  const [shareError, setShareError] = useState<string | null>(null);

  useEffect(() => {
    api.me().then(setUser, () => setUser(null));
  }, [api]);
  // The user's handwriting samples, loaded once per sign-in and shared by every board.
  const userId = user?.id ?? null;
  const samples = useMemo(
    () =>
      userId === null
        ? null
        : new PersonalSamples({ api, userId, storage: globalThis.localStorage ?? null }),
    [api, userId],
  );
  useEffect(() => {
    if (!samples) return;
    void samples.load();
    // Leaving the page sends a pending save; if it does not arrive, the unsaved local
    // copy is sent on the next load.
    const flush = () => void samples.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [samples]);
  const signOut = async () => {
    // Saved first (this needs the session), then the local copy can go.
    await samples?.flush();
    samples?.forgetLocalCopy();
    await api.signOut();
    setUser(null);
  };
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname, location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: Route, replace = false) => {
    const path = routePath(next);
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    setRoute(next);
  }, []);

  // Joining by link: accept once signed in, then open the board.
  useEffect(() => {
    if (route.name !== 'share' || !user) return;
    api.acceptShare(route.token).then(
      ({ boardId }) => navigate({ name: 'board', id: boardId }, true),
      (e: unknown) => setShareError(joinError(e)),
    );
  }, [api, route, user, navigate]);

  useEffect(() => {
    document.title = route.name === 'board' ? 'Board — MotionMath' : 'MotionMath';
  }, [route]);

  if (user === undefined) {
    return (
      <main className="centered" aria-busy="true">
        <p>Loading…</p>
      </main>
    );
  }
  if (user === null) {
    return (
      <AuthScreen
        api={api}
        onSignedIn={setUser}
        hint={
          route.name === 'share'
            ? 'Sign in or create an account to join the board you were invited to.'
            : route.name === 'extension-connect'
              ? 'Sign in to connect the MotionMath browser extension to your account.'
              : null
        }
      />
    );
  }
  if (route.name === 'share') {
    return (
      <main className="centered">
        <div className="panel">
          <h1>{shareError ? 'This link does not open a board' : 'Joining board…'}</h1>
          {shareError && (
            <>
              <p role="alert" className="error-text">
                {shareError}
              </p>
              <button
                type="button"
                className="primary"
                onClick={() => navigate({ name: 'boards' })}
              >
                Your boards
              </button>
            </>
          )}
        </div>
      </main>
    );
  }
  if (route.name === 'extension-connect') {
    return (
      <ConnectExtension
        api={api}
        user={user}
        redirect={route.redirect}
        state={route.state}
        onCancel={() => navigate({ name: 'boards' })}
      />
    );
  }
  if (route.name === 'board') {
    return (
      <BoardScreen
        key={route.id}
        api={api}
        wsUrl={wsUrl}
        boardId={route.id}
        user={user}
        samples={samples}
        onBack={() => navigate({ name: 'boards' })}
      />
    );
  }
  return (
    <BoardList
      api={api}
      user={user}
      onOpen={(id) => navigate({ name: 'board', id })}
      onJoin={(token) => navigate({ name: 'share', token })}
      onSignOut={() => void signOut()}
    />
  );
}
