/** Client-side routes; collab-server answers every unknown path with the app shell. */
export type Route =
  | { name: 'boards' }
  | { name: 'board'; id: string }
  | { name: 'share'; token: string }
  /** The extension asks for a token: `?redirect=<its connect page>&state=<one-time value>`. */
  | { name: 'extension-connect'; redirect: string; state: string };

export function parseRoute(pathname: string, search = ''): Route {
  if (/^\/extension\/connect\/?$/.test(pathname)) {
    const params = new URLSearchParams(search);
    return {
      name: 'extension-connect',
      redirect: params.get('redirect') ?? '',
      state: params.get('state') ?? '',
    };
  }
  const board = /^\/board\/([\w-]+)\/?$/.exec(pathname);
  if (board?.[1]) return { name: 'board', id: board[1] };
  const share = /^\/share\/([\w-]+)\/?$/.exec(pathname);
  if (share?.[1]) return { name: 'share', token: share[1] };
  return { name: 'boards' };
}

/** The token in a pasted share link (full URL or path), or a bare token; null when neither. */
export function parseShareToken(input: string): string | null {
  const text = input.trim();
  const fromPath = /\/share\/([\w-]+)\/?(?:[?#].*)?$/.exec(text);
  if (fromPath?.[1]) return fromPath[1];
  return /^[\w-]{16,}$/.test(text) ? text : null;
}

export function routePath(route: Route): string {
  if (route.name === 'board') return `/board/${route.id}`;
  if (route.name === 'share') return `/share/${route.token}`;
  if (route.name === 'extension-connect') {
    const query = new URLSearchParams({ redirect: route.redirect, state: route.state });
    return `/extension/connect?${query.toString()}`;
  }
  return '/';
}
