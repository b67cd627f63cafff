import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Tests always listen on port 0 and read back the port the OS gave them. */
export async function listenOnFreePort(server: Server, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  return (server.address() as AddressInfo).port;
}

export interface StaticSite {
  readonly url: string;
  close(): Promise<void>;
}

/** Serve a few fixed pages (path → HTML or handler) on a free loopback port. */
export async function serveStatic(
  pages: Record<string, string | ((req: IncomingMessage, res: ServerResponse) => void)>,
): Promise<StaticSite> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const page = pages[path];
    if (page === undefined) {
      res.writeHead(404).end('not found');
    } else if (typeof page === 'string') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else {
      page(req, res);
    }
  });
  const port = await listenOnFreePort(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
