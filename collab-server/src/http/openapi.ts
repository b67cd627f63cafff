/**
 * The OpenAPI 3.1 description of the HTTP API, written by hand next to the routes (a
 * test checks that every route is documented and nothing documented is missing).
 */
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const body = (properties: Json, required: string[]) => ({
  required: true,
  ...json({ type: 'object', properties, required }),
});
const idParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});

interface Op {
  summary: string;
  tag: string;
  auth?: 'none' | 'session' | 'any';
  params?: Json[];
  requestBody?: Json;
  responses: Record<string, Json>;
}

function op(spec: Op): Json {
  const security =
    spec.auth === 'none'
      ? []
      : spec.auth === 'session'
        ? [{ sessionCookie: [] }, { bearer: [] }]
        : undefined;
  return {
    summary: spec.summary,
    tags: [spec.tag],
    ...(security ? { security } : {}),
    ...(spec.params ? { parameters: spec.params } : {}),
    ...(spec.requestBody ? { requestBody: spec.requestBody } : {}),
    responses: spec.responses,
  };
}

const boardId = idParam('id', 'Board id (UUID); also the WebSocket document name');
const ok = (description: string, schema: Json) => ({ description, ...json(schema) });
const noContent = { description: 'Done' };
const unauthorized = error('Not signed in');
const notFound = error('Not found (or not visible to you)');
const sessionResponse = ok('Signed in', ref('SessionResult'));

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'MotionMath collab-server',
    version: '0.1.0',
    description:
      'Accounts, boards and operations. Boards are edited live over the Hocuspocus WebSocket on the same ' +
      'port: connect with document name = board id and token = a session token or an API token ' +
      '(or no token and the session cookie from an allowed origin). Viewers get read-only connections.',
  },
  components: {
    securitySchemes: {
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'mm_session' },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'A session token or an API token (mmat_…)',
      },
    },
    schemas: {
      Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
      User: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          email: { type: 'string' },
          displayName: { type: 'string' },
          twoFactorEnabled: { type: 'boolean' },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
      SessionResult: {
        type: 'object',
        properties: {
          user: ref('User'),
          twoFactorRequired: { type: 'boolean' },
          expiresAt: { type: 'string', format: 'date-time' },
          token: { type: 'string', description: 'Only when the request asked for tokenInBody' },
        },
      },
      Role: { type: 'string', enum: ['owner', 'editor', 'viewer'] },
      Board: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          ownerId: { type: 'string' },
          role: ref('Role'),
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      Member: {
        type: 'object',
        properties: {
          userId: { type: 'string' },
          email: { type: 'string' },
          displayName: { type: 'string' },
          role: ref('Role'),
        },
      },
      Equation: {
        type: 'object',
        properties: {
          boardId: { type: 'string' },
          equationId: { type: 'string' },
          text: { type: 'string' },
          latex: { type: 'string' },
          status: { type: 'string' },
          answer: { type: ['string', 'null'] },
          answerLatex: { type: ['string', 'null'] },
          steps: { type: 'array', items: { type: 'object' } },
          confidence: { type: ['number', 'null'] },
          error: { type: ['string', 'null'] },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      PersonalSamples: {
        type: 'object',
        description:
          "The recognizer's personal samples file (SymbolClassifier.exportSamples()): the user's " +
          'own handwriting of symbols. At most 256 KiB and 20 samples per label.',
        properties: {
          format: { type: 'string', const: 'motionmath-personal-samples-1' },
          samples: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                label: { type: 'string', maxLength: 32 },
                strokes: {
                  type: 'array',
                  items: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { x: { type: 'number' }, y: { type: 'number' } },
                      required: ['x', 'y'],
                    },
                  },
                },
              },
              required: ['label', 'strokes'],
            },
          },
        },
        required: ['format', 'samples'],
      },
      ApiToken: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          scopes: {
            type: 'array',
            items: { type: 'string', enum: ['board:read', 'board:write', 'solver'] },
          },
          boardId: { type: ['string', 'null'] },
          expiresAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
  security: [{ sessionCookie: [] }, { bearer: [] }],
  paths: {
    '/api/auth/signup': {
      post: op({
        summary: 'Create an account with email and password (argon2id) and sign in',
        tag: 'auth',
        auth: 'none',
        requestBody: body(
          {
            email: { type: 'string' },
            password: { type: 'string', minLength: 8 },
            displayName: { type: 'string' },
            tokenInBody: { type: 'boolean' },
          },
          ['email', 'password'],
        ),
        responses: {
          '201': sessionResponse,
          '400': error('Invalid input'),
          '409': error('Email taken'),
        },
      }),
    },
    '/api/auth/signin': {
      post: op({
        summary: 'Sign in; with TOTP enabled the session needs /api/auth/totp/verify next',
        tag: 'auth',
        auth: 'none',
        requestBody: body(
          {
            email: { type: 'string' },
            password: { type: 'string' },
            tokenInBody: { type: 'boolean' },
          },
          ['email', 'password'],
        ),
        responses: {
          '200': sessionResponse,
          '401': error('Wrong email or password'),
          '429': error('Too many attempts'),
        },
      }),
    },
    '/api/auth/session': {
      get: op({
        summary: 'The signed-in user, or null (never 401)',
        tag: 'auth',
        auth: 'none',
        responses: {
          '200': ok('User or null', {
            type: 'object',
            properties: { user: { oneOf: [ref('User'), { type: 'null' }] } },
          }),
        },
      }),
    },
    '/api/auth/signout': {
      post: op({
        summary: 'Sign out this session',
        tag: 'auth',
        auth: 'none',
        responses: { '204': noContent },
      }),
    },
    '/api/auth/signout-everywhere': {
      post: op({
        summary: 'Revoke every session of the user',
        tag: 'auth',
        auth: 'session',
        responses: { '200': ok('Count revoked', { type: 'object' }), '401': unauthorized },
      }),
    },
    '/api/auth/totp/setup': {
      post: op({
        summary: 'Generate a TOTP key (not active until enabled)',
        tag: 'auth',
        auth: 'session',
        responses: {
          '200': ok('Key and otpauth URI', {
            type: 'object',
            properties: { key: { type: 'string' }, uri: { type: 'string' } },
          }),
        },
      }),
    },
    '/api/auth/totp/enable': {
      post: op({
        summary: 'Enable TOTP with a key and a current code',
        tag: 'auth',
        auth: 'session',
        requestBody: body({ key: { type: 'string' }, code: { type: 'string' } }, ['key', 'code']),
        responses: { '200': ok('Enabled', { type: 'object' }), '400': error('Wrong code') },
      }),
    },
    '/api/auth/totp/disable': {
      post: op({
        summary: 'Disable TOTP (needs a current code)',
        tag: 'auth',
        auth: 'session',
        requestBody: body({ code: { type: 'string' } }, ['code']),
        responses: { '200': ok('Disabled', { type: 'object' }), '400': error('Wrong code') },
      }),
    },
    '/api/auth/totp/verify': {
      post: op({
        summary: 'Complete sign-in with the second factor',
        tag: 'auth',
        auth: 'session',
        requestBody: body({ code: { type: 'string' } }, ['code']),
        responses: {
          '200': ok('Verified', { type: 'object' }),
          '401': error('Wrong code'),
          '429': error('Too many codes'),
        },
      }),
    },
    '/api/auth/oauth/providers': {
      get: op({
        summary: 'OAuth providers configured on this server',
        tag: 'auth',
        auth: 'none',
        responses: {
          '200': ok('Providers', {
            type: 'object',
            properties: { providers: { type: 'array', items: { type: 'string' } } },
          }),
        },
      }),
    },
    '/api/auth/oauth/{provider}': {
      get: op({
        summary: 'Start OAuth sign-in (redirects to the provider)',
        tag: 'auth',
        auth: 'none',
        params: [idParam('provider', 'github or google')],
        responses: {
          '302': { description: 'Redirect to the provider' },
          '404': error('Not configured'),
        },
      }),
    },
    '/api/auth/oauth/{provider}/callback': {
      get: op({
        summary: 'OAuth redirect target: signs in and redirects to /',
        tag: 'auth',
        auth: 'none',
        params: [idParam('provider', 'github or google')],
        responses: {
          '302': { description: 'Signed in' },
          '400': error('State mismatch'),
          '401': error('Provider refused'),
        },
      }),
    },
    '/api/me': {
      get: op({
        summary: 'The signed-in user',
        tag: 'account',
        auth: 'any',
        responses: {
          '200': ok('User', { type: 'object', properties: { user: ref('User') } }),
          '401': unauthorized,
        },
      }),
      delete: op({
        summary: 'Delete my account and the boards I own (GDPR)',
        tag: 'account',
        auth: 'session',
        requestBody: body({ confirmEmail: { type: 'string' } }, ['confirmEmail']),
        responses: {
          '200': ok('Deleted', { type: 'object' }),
          '400': error('Confirmation mismatch'),
        },
      }),
    },
    '/api/me/export': {
      get: op({
        summary: 'Export all my data as JSON (GDPR)',
        tag: 'account',
        auth: 'session',
        responses: { '200': ok('Export', { type: 'object' }) },
      }),
    },
    '/api/me/samples': {
      get: op({
        summary:
          'My personal handwriting samples (empty file when none); sessions and board:read or board:write tokens',
        tag: 'account',
        auth: 'any',
        responses: {
          '200': ok('Samples file (Last-Modified when saved)', ref('PersonalSamples')),
          '401': unauthorized,
          '403': error('Token lacks a board scope'),
        },
      }),
      put: op({
        summary: 'Replace my personal handwriting samples; sessions and board:write tokens',
        tag: 'account',
        auth: 'any',
        requestBody: { required: true, ...json(ref('PersonalSamples')) },
        responses: {
          '200': ok('Saved', {
            type: 'object',
            properties: {
              count: { type: 'integer' },
              updatedAt: { type: 'string', format: 'date-time' },
            },
          }),
          '400': error('Not a valid samples file, or too many samples of one label'),
          '401': unauthorized,
          '403': error('Token lacks board:write'),
          '413': error('Larger than 256 KiB'),
        },
      }),
    },
    '/api/me/tokens': {
      get: op({
        summary: 'List my API tokens',
        tag: 'account',
        auth: 'session',
        responses: {
          '200': ok('Tokens', {
            type: 'object',
            properties: { tokens: { type: 'array', items: ref('ApiToken') } },
          }),
        },
      }),
      post: op({
        summary: 'Create a scoped API token (shown once)',
        tag: 'account',
        auth: 'session',
        requestBody: body(
          {
            name: { type: 'string' },
            scopes: { type: 'array', items: { type: 'string' } },
            boardId: { type: 'string' },
            expiresInDays: { type: 'integer' },
          },
          ['name', 'scopes'],
        ),
        responses: {
          '201': ok('Token', { type: 'object', properties: { token: { type: 'string' } } }),
          '400': error('Invalid input'),
        },
      }),
    },
    '/api/me/tokens/{id}': {
      delete: op({
        summary: 'Revoke an API token',
        tag: 'account',
        auth: 'session',
        params: [idParam('id', 'Token id')],
        responses: { '204': noContent, '404': notFound },
      }),
    },
    '/api/boards': {
      get: op({
        summary: 'Boards I am a member of',
        tag: 'boards',
        auth: 'any',
        responses: {
          '200': ok('Boards', {
            type: 'object',
            properties: { boards: { type: 'array', items: ref('Board') } },
          }),
        },
      }),
      post: op({
        summary: 'Create a board (I become owner)',
        tag: 'boards',
        auth: 'session',
        requestBody: body({ name: { type: 'string' } }, ['name']),
        responses: { '201': ok('Board', { type: 'object', properties: { board: ref('Board') } }) },
      }),
    },
    '/api/boards/{id}': {
      get: op({
        summary: 'One board',
        tag: 'boards',
        auth: 'any',
        params: [boardId],
        responses: {
          '200': ok('Board', { type: 'object', properties: { board: ref('Board') } }),
          '404': notFound,
        },
      }),
      patch: op({
        summary: 'Rename (editor or owner); open whiteboards show the new title live',
        tag: 'boards',
        auth: 'any',
        params: [boardId],
        requestBody: body({ name: { type: 'string' } }, ['name']),
        responses: {
          '200': ok('Board', { type: 'object' }),
          '403': error('Role too low'),
          '404': notFound,
        },
      }),
      delete: op({
        summary: 'Delete with its document (owner)',
        tag: 'boards',
        auth: 'session',
        params: [boardId],
        responses: { '204': noContent, '403': error('Not owner'), '404': notFound },
      }),
    },
    '/api/boards/{id}/members': {
      get: op({
        summary: 'Members and roles',
        tag: 'boards',
        auth: 'any',
        params: [boardId],
        responses: {
          '200': ok('Members', {
            type: 'object',
            properties: { members: { type: 'array', items: ref('Member') } },
          }),
        },
      }),
      put: op({
        summary: 'Add a member or change their role (owner)',
        tag: 'boards',
        auth: 'session',
        params: [boardId],
        requestBody: body(
          { email: { type: 'string' }, role: { type: 'string', enum: ['editor', 'viewer'] } },
          ['email', 'role'],
        ),
        responses: { '200': ok('Member', { type: 'object' }), '404': notFound },
      }),
    },
    '/api/boards/{id}/members/{userId}': {
      delete: op({
        summary: 'Remove a member (owner)',
        tag: 'boards',
        auth: 'session',
        params: [boardId, idParam('userId', 'User id')],
        responses: { '204': noContent, '404': notFound },
      }),
    },
    '/api/boards/{id}/share-links': {
      get: op({
        summary: 'Share links of a board (owner)',
        tag: 'boards',
        auth: 'any',
        params: [boardId],
        responses: { '200': ok('Links', { type: 'object' }) },
      }),
      post: op({
        summary: 'Create a share link with a role and an expiry (owner)',
        tag: 'boards',
        auth: 'session',
        params: [boardId],
        requestBody: body(
          {
            role: { type: 'string', enum: ['editor', 'viewer'] },
            expiresInHours: { type: 'number' },
          },
          ['role'],
        ),
        responses: { '201': ok('Link (token shown once)', { type: 'object' }) },
      }),
    },
    '/api/boards/{id}/share-links/{linkId}': {
      delete: op({
        summary: 'Revoke a share link (owner)',
        tag: 'boards',
        auth: 'any',
        params: [boardId, idParam('linkId', 'Link id')],
        responses: { '204': noContent, '404': notFound },
      }),
    },
    '/api/boards/{id}/equations': {
      get: op({
        summary: 'Equation history of a board, newest first',
        tag: 'equations',
        auth: 'any',
        params: [
          boardId,
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 200 } },
        ],
        responses: {
          '200': ok('Equations', {
            type: 'object',
            properties: { equations: { type: 'array', items: ref('Equation') } },
          }),
        },
      }),
    },
    '/api/equations/search': {
      get: op({
        summary: 'Search equations on my boards',
        tag: 'equations',
        auth: 'any',
        params: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
        ],
        responses: {
          '200': ok('Equations', {
            type: 'object',
            properties: { equations: { type: 'array', items: ref('Equation') } },
          }),
        },
      }),
    },
    '/api/share/{token}/accept': {
      post: op({
        summary: 'Join a board through a share link',
        tag: 'boards',
        auth: 'session',
        params: [idParam('token', 'Share link token')],
        responses: {
          '200': ok('Joined', { type: 'object' }),
          '404': error('Invalid or expired link'),
        },
      }),
    },
    '/healthz': {
      get: op({
        summary: 'Liveness',
        tag: 'operations',
        auth: 'none',
        responses: { '200': ok('Alive', { type: 'object' }) },
      }),
    },
    '/readyz': {
      get: op({
        summary: 'Readiness: database and Redis reachable',
        tag: 'operations',
        auth: 'none',
        responses: {
          '200': ok('Ready', { type: 'object' }),
          '503': ok('Not ready', { type: 'object' }),
        },
      }),
    },
    '/metrics': {
      get: op({
        summary: 'Prometheus metrics',
        tag: 'operations',
        auth: 'none',
        responses: {
          '200': {
            description: 'Prometheus text format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      }),
    },
    '/openapi.json': {
      get: op({
        summary: 'This document',
        tag: 'operations',
        auth: 'none',
        responses: { '200': ok('OpenAPI 3.1', { type: 'object' }) },
      }),
    },
  },
} as const;
