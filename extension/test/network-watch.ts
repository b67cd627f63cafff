import { createServer } from 'node:http';
import type { BrowserContext } from 'playwright-core';
import { listenOnFreePort } from '@motionmath/testkit';

/**
 * Two independent witnesses that nothing leaves the machine:
 * - a recording proxy that Chromium sends every non-loopback request to (HTTP and
 *   CONNECT for HTTPS/WSS), from any context: pages, iframes, the extension's service
 *   worker, Chromium itself. It refuses them all and remembers the host.
 * - Playwright routing on the context, which fails (aborts and records) any request to a
 *   non-local URL made by a page or frame.
 */
export interface NetworkWatch {
  /** Chromium flags that send non-loopback traffic to the recording proxy. */
  readonly chromiumArgs: string[];
  /** The recording proxy's port on 127.0.0.1 (Firefox is pointed at it by prefs). */
  readonly proxyPort: number;
  /** Every non-local destination seen so far (Chromium's own service hosts excepted). */
  readonly outside: string[];
  attach(context: BrowserContext): Promise<void>;
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Chromium's own background services that the quiet flags do not silence in a
 * persistent (extension) profile: the extension update check and Google account
 * look-ups. They happen with no extension loaded at all; listed here by exact host so
 * that anything else — MediaPipe's logger at odml.pa.googleapis.com included — fails.
 */
export const CHROMIUM_SERVICE_HOSTS: readonly string[] = [
  'update.googleapis.com',
  'accounts.google.com',
];

function serviceHost(target: string): boolean {
  const host = target.startsWith('http') ? new URL(target).hostname : target.split(':')[0];
  return CHROMIUM_SERVICE_HOSTS.includes(host ?? '');
}

export function isLocalUrl(raw: string): boolean {
  const url = new URL(raw);
  if (
    ['chrome-extension:', 'data:', 'blob:', 'about:', 'chrome:', 'devtools:'].includes(url.protocol)
  )
    return true;
  return LOCAL_HOSTS.has(url.hostname);
}

export async function watchNetwork(): Promise<NetworkWatch> {
  const outside: string[] = [];
  const proxy = createServer((req, res) => {
    if (!serviceHost(req.url ?? '')) outside.push(`proxy: ${req.method ?? ''} ${req.url ?? ''}`);
    res.writeHead(403).end();
  });
  proxy.on('connect', (req, socket) => {
    // A CONNECT socket is ours, not the HTTP server's: Chromium may reset the refused
    // tunnel (ECONNRESET), and an error without a listener would crash the test run.
    socket.on('error', () => socket.destroy());
    if (!serviceHost(req.url ?? '')) outside.push(`proxy: CONNECT ${req.url ?? ''}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  const port = await listenOnFreePort(proxy);
  return {
    outside,
    chromiumArgs: [`--proxy-server=http://127.0.0.1:${port}`],
    proxyPort: port,
    async attach(context) {
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (isLocalUrl(url)) return route.continue();
        outside.push(`route: ${url}`);
        return route.abort('blockedbyclient');
      });
    },
    close: () =>
      new Promise<void>((done) => {
        proxy.closeAllConnections();
        proxy.close(() => done());
      }),
  };
}
