import type { OpenAPIHono } from '@hono/zod-openapi';

/**
 * The parts of `/openapi.json` that are not routes. The routes (paths, bodies, responses)
 * are generated from their declarations (route-kit.ts and the `*-routes.ts` files), whose
 * schemas live in `@motionmath/protocol`.
 */
export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'MotionMath collab-server',
    version: '0.1.0',
    description:
      'Accounts, boards and operations. Boards are edited live over the Hocuspocus WebSocket on the same ' +
      'port: connect with document name = board id and token = a session token or an API token ' +
      '(or no token and the session cookie from an allowed origin). Viewers get read-only connections.',
  },
  // Routes that need no sign-in say so with `security: []`.
  security: [{ sessionCookie: [] }, { bearer: [] }] as Record<string, string[]>[],
};

export function registerSecuritySchemes(registry: OpenAPIHono['openAPIRegistry']) {
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'mm_session',
  });
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A session token or an API token (mmat_…)',
  });
}
