import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, User } from '../api/client.ts';
import { AuthScreen } from './AuthScreen.tsx';
import { BoardList } from './BoardList.tsx';
import { BoardScreen } from './BoardScreen.tsx';

/** Client-side routes; collab-server answers every unknown path with the app shell. */
export type Route =
  { name: 'boards' } | { name: 'board'; id: string } | { name: 'share'; token: string };

export function parseRoute(pathname: string): Route {
  const board = /^\/board\/([\w-]+)\/?$/.exec(pathname);
  if (board?.[1]) return { name: 'board', id: board[1] };
  const share = /^\/share\/([\w-]+)\/?$/.exec(pathname);
  if (share?.[1]) return { name: 'share', token: share[1] };
  return { name: 'boards' };
}

export function routePath(route: Route): string {
  if (route.name === 'board') return `/board/${route.id}`;
  if (route.name === 'share') return `/share/${route.token}`;
  return '/';
}

export function App({ api, wsUrl }: { api: ApiClient; wsUrl: string }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.pathname));
  const [shareError, setShareError] = useState<string | null>(null);

  useEffect(() => {
    api.me().then(setUser, () => setUser(null));
  }, [api]);
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname));
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
      (e: unknown) => setShareError(e instanceof Error ? e.message : String(e)),
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
  if (user === null) return <AuthScreen api={api} onSignedIn={setUser} />;
  if (route.name === 'share') {
    return (
      <main className="centered">
        <div className="panel">
          <h1>Joining board…</h1>
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
  if (route.name === 'board') {
    return (
      <BoardScreen
        key={route.id}
        api={api}
        wsUrl={wsUrl}
        boardId={route.id}
        user={user}
        onBack={() => navigate({ name: 'boards' })}
      />
    );
  }
  return (
    <BoardList
      api={api}
      user={user}
      onOpen={(id) => navigate({ name: 'board', id })}
      onSignOut={() => void api.signOut().then(() => setUser(null))}
    />
  );
}
