import { mountWhiteboard } from './mount.tsx';

const root = document.getElementById('root');
// Served by the collab-server, the WebSocket is on the page's origin. Under `vite dev`,
// point it at the server with VITE_COLLAB_WS_URL (e.g. ws://127.0.0.1:8787).
const wsUrl: unknown = import.meta.env['VITE_COLLAB_WS_URL'];
if (root) mountWhiteboard(root, typeof wsUrl === 'string' && wsUrl ? { wsUrl } : {});
