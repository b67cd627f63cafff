/**
 * The benchmark's reference: bare Hocuspocus (@hocuspocus/server, memory only, no auth,
 * no extensions) in its own process. Prints `listening <port>` once ready.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
await server.listen();
process.stdout.write(`listening ${server.address.port}\n`);
