import { z } from 'zod';
import { API_TOKEN_PREFIX, generateToken, hashToken } from '../auth/secrets.ts';
import {
  deleteApiToken,
  deleteApiTokensNamed,
  insertApiToken,
  listApiTokens,
} from '../db/api-tokens.ts';
import { findBoard, isUuid } from '../db/boards.ts';
import { audit } from '../db/events.ts';
import { deleteAccount, exportUserData } from '../db/account-data.ts';
import { getPersonalSamples } from '../db/samples.ts';
import {
  AccountDeletedSchema,
  AccountExportSchema,
  ApiTokenListSchema,
  CreatedApiTokenSchema,
  CreateTokenBodySchema,
  DEFAULT_API_TOKEN_DAYS,
  DeleteAccountBodySchema,
  UserResultSchema,
} from '@motionmath/protocol';
import { clearSessionCookie } from './cookies.ts';
import {
  errorResponse,
  jsonBody,
  jsonContent,
  noContent,
  route,
  routes,
  SESSION_ONLY,
} from './route-kit.ts';
import type { AppDeps } from './types.ts';
import { HttpError, clientIp, requirePrincipal, requireSession } from './types.ts';

import { publicUser } from './auth-routes.ts';

/** The signed-in account: who I am, my data (export, deletion) and my API tokens. */
const me = route({
  method: 'get',
  path: '/',
  summary: 'The signed-in user',
  tags: ['account'],
  responses: {
    200: jsonContent(UserResultSchema, 'User'),
    401: errorResponse('Not signed in'),
  },
});
const exportData = route({
  method: 'get',
  path: '/export',
  summary: 'Export all my data as JSON (GDPR)',
  tags: ['account'],
  security: SESSION_ONLY,
  responses: { 200: jsonContent(AccountExportSchema, 'Export') },
});
const deleteMe = route({
  method: 'delete',
  path: '/',
  summary: 'Delete my account and the boards I own (GDPR)',
  tags: ['account'],
  security: SESSION_ONLY,
  request: { body: jsonBody(DeleteAccountBodySchema) },
  responses: {
    200: jsonContent(AccountDeletedSchema, 'Deleted'),
    400: errorResponse('Confirmation mismatch'),
  },
});
const listTokens = route({
  method: 'get',
  path: '/tokens',
  summary: 'List my API tokens',
  tags: ['account'],
  security: SESSION_ONLY,
  responses: { 200: jsonContent(ApiTokenListSchema, 'Tokens') },
});
const createToken = route({
  method: 'post',
  path: '/tokens',
  summary: 'Create a scoped API token (shown once)',
  tags: ['account'],
  security: SESSION_ONLY,
  request: { body: jsonBody(CreateTokenBodySchema) },
  responses: {
    201: jsonContent(CreatedApiTokenSchema, 'Token'),
    400: errorResponse('Invalid input'),
    403: errorResponse('Solver tokens are issued by operators; unknown extension'),
  },
});
const revokeToken = route({
  method: 'delete',
  path: '/tokens/{id}',
  summary: 'Revoke an API token',
  tags: ['account'],
  security: SESSION_ONLY,
  request: { params: z.object({ id: z.string().meta({ description: 'Token id' }) }) },
  responses: { 204: noContent, 404: errorResponse('Not found (or not visible to you)') },
});

export function accountRoutes(deps: AppDeps) {
  const { db } = deps;
  return routes()
    .openapi(me, (c) => c.json({ user: publicUser(requirePrincipal(c).user) }, 200))
    .openapi(exportData, async (c) => {
      const { user } = requireSession(c);
      const data = await exportUserData(db, user.id);
      if (!data) throw new HttpError(404, 'no such user');
      // The handwriting samples are the user's data too (db/samples.ts).
      const samples = await getPersonalSamples(db, user.id);
      await audit(db, {
        actorId: user.id,
        action: 'account.export',
        target: user.id,
        ip: clientIp(c),
      });
      c.header('Content-Disposition', 'attachment; filename="motionmath-export.json"');
      return c.json({ ...data, personalSamples: samples?.samples ?? null }, 200);
    })
    .openapi(deleteMe, async (c) => {
      const { user } = requireSession(c);
      // Typing the email again guards against a mis-click (and a stray script).
      if (c.req.valid('json').confirmEmail.trim().toLowerCase() !== user.email) {
        throw new HttpError(400, 'confirmEmail must be your email');
      }
      const boards = await deleteAccount(db, user.id);
      for (const boardId of boards) deps.closeBoardConnections(boardId);
      deps.closeUserConnections(user.id);
      await audit(db, {
        actorId: null,
        action: 'account.delete',
        target: user.id,
        ip: clientIp(c),
        details: { boards: boards.length },
      });
      clearSessionCookie(c, deps.origin().startsWith('https:'));
      return c.json({ deleted: true as const, boards: boards.length }, 200);
    })
    .openapi(listTokens, async (c) => {
      const { user } = requireSession(c);
      const tokens = await listApiTokens(db, user.id);
      return c.json(
        {
          tokens: tokens.map((t) => ({
            id: t.id,
            name: t.name,
            scopes: t.scopes,
            boardId: t.boardId,
            expiresAt: t.expiresAt?.toISOString() ?? null,
            createdAt: t.createdAt.toISOString(),
          })),
        },
        200,
      );
    })
    .openapi(createToken, async (c) => {
      const { user } = requireSession(c);
      const body = c.req.valid('json');
      const { scopes } = body;
      let { name } = body;
      if (scopes.includes('solver')) {
        // A solver token writes on every board of every user: only an operator, with
        // database access, issues one (`npm run solver-token -w @motionmath/collab-server`).
        throw new HttpError(403, 'solver tokens are issued by operators, not through the API');
      }
      const boardId = body.boardId ?? null;
      if (boardId !== null && (!isUuid(boardId) || !(await findBoard(db, boardId)))) {
        throw new HttpError(400, 'boardId is not a board');
      }
      const replaced: string[] = [];
      if (body.extensionOrigin !== undefined) {
        // Only an extension this server answers CORS for gets a token, and one token per
        // extension: allowing it again replaces the old one instead of piling up 90-day
        // tokens (the name carries the origin, so the user's token list says which).
        if (!deps.isAllowedOrigin(body.extensionOrigin))
          throw new HttpError(
            403,
            `this server does not know the extension ${body.extensionOrigin}; an administrator adds it to ALLOWED_ORIGINS`,
          );
        name = `${name} · ${body.extensionOrigin}`;
        replaced.push(...(await deleteApiTokensNamed(db, user.id, name)));
        for (const old of replaced) deps.closeCredentialConnections('api-token', old);
      }
      const days = body.expiresInDays ?? DEFAULT_API_TOKEN_DAYS;
      const token = API_TOKEN_PREFIX + generateToken();
      const id = hashToken(token);
      const expiresAt = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
      await insertApiToken(db, { id, userId: user.id, name, scopes, boardId, expiresAt });
      await audit(db, {
        actorId: user.id,
        action: 'token.create',
        target: id,
        ip: clientIp(c),
        details: { scopes, ...(replaced.length > 0 ? { replaced } : {}) },
      });
      return c.json({ id, token, name, scopes, boardId, expiresAt: expiresAt.toISOString() }, 201);
    })
    .openapi(revokeToken, async (c) => {
      const { user } = requireSession(c);
      const { id } = c.req.valid('param');
      if (!(await deleteApiToken(db, user.id, id))) throw new HttpError(404, 'no such token');
      deps.closeCredentialConnections('api-token', id);
      await audit(db, { actorId: user.id, action: 'token.revoke', target: id, ip: clientIp(c) });
      return c.body(null, 204);
    });
}
