import { z } from 'zod';
import {
  BoardListSchema,
  BoardNameBodySchema,
  BoardResultSchema,
  BoardRowResultSchema,
  CreatedShareLinkSchema,
  CreateShareLinkBodySchema,
  DEFAULT_PAGE,
  DEFAULT_SHARE_LINK_HOURS,
  EquationListSchema,
  MemberListSchema,
  MemberResultSchema,
  PageQuerySchema,
  SearchQuerySchema,
  SetMemberBodySchema,
  ShareAcceptedSchema,
  ShareLinkListSchema,
} from '@motionmath/protocol';
import { boardRoleFor, hasScope } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import { generateToken, hashToken } from '../auth/secrets.ts';
import {
  countOwnedBoards,
  createBoard,
  deleteBoard,
  findBoard,
  findLiveShareLink,
  grantAtLeast,
  insertShareLink,
  listBoardsForUser,
  listMembers,
  listShareLinks,
  removeMember,
  renameBoard,
  revokeShareLink,
  roleAtLeast,
  setMember,
} from '../db/boards.ts';
import type { Board, BoardRole } from '../db/boards.ts';
import { equationHistory, searchEquations } from '../db/equations.ts';
import type { EquationHit } from '../db/equations.ts';
import { audit, recordEvent } from '../db/events.ts';
import { findUserByEmail } from '../db/users.ts';
import {
  errorResponse,
  jsonBody,
  jsonContent,
  noContent,
  route,
  routes,
  SESSION_ONLY,
} from './route-kit.ts';
import type { AppContext, AppDeps } from './types.ts';
import { HttpError, clientIp, requirePrincipal, requireSession } from './types.ts';

const boardIdParam = z.string().meta({
  description: 'Board id (UUID); also the WebSocket document name',
});
const boardParams = z.object({ id: boardIdParam });
const notFound = errorResponse('Not found (or not visible to you)');
const roleTooLow = errorResponse('Role or token scope too low');

/** The JSON form of a board row (dates as ISO strings). */
const boardJson = (board: Board) => ({
  id: board.id,
  name: board.name,
  ownerId: board.ownerId,
  createdAt: board.createdAt.toISOString(),
  updatedAt: board.updatedAt.toISOString(),
});
export const equationJson = (hit: EquationHit) => ({
  ...hit,
  updatedAt: hit.updatedAt.toISOString(),
});

const listBoards = route({
  method: 'get',
  path: '/',
  summary: 'Boards I am a member of',
  tags: ['boards'],
  responses: { 200: jsonContent(BoardListSchema, 'Boards'), 403: roleTooLow },
});
const newBoard = route({
  method: 'post',
  path: '/',
  summary: 'Create a board (I become owner)',
  tags: ['boards'],
  security: SESSION_ONLY,
  request: { body: jsonBody(BoardNameBodySchema) },
  responses: {
    201: jsonContent(BoardResultSchema, 'Board'),
    400: errorResponse('Invalid name'),
    403: errorResponse('Board quota reached'),
    429: errorResponse('Too many new boards this hour'),
  },
});
const getBoard = route({
  method: 'get',
  path: '/{id}',
  summary: 'One board',
  tags: ['boards'],
  request: { params: boardParams },
  responses: { 200: jsonContent(BoardResultSchema, 'Board'), 404: notFound },
});
const renameBoardRoute = route({
  method: 'patch',
  path: '/{id}',
  summary: 'Rename (editor or owner); open whiteboards show the new title live',
  tags: ['boards'],
  request: { params: boardParams, body: jsonBody(BoardNameBodySchema) },
  responses: {
    200: jsonContent(BoardRowResultSchema, 'Board'),
    403: roleTooLow,
    404: notFound,
  },
});
const deleteBoardRoute = route({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete with its document (owner)',
  tags: ['boards'],
  security: SESSION_ONLY,
  request: { params: boardParams },
  responses: { 204: noContent, 403: roleTooLow, 404: notFound },
});
const listMembersRoute = route({
  method: 'get',
  path: '/{id}/members',
  summary: 'Members and roles (emails for the owner only)',
  tags: ['boards'],
  request: { params: boardParams },
  responses: { 200: jsonContent(MemberListSchema, 'Members'), 404: notFound },
});
const setMemberRoute = route({
  method: 'put',
  path: '/{id}/members',
  summary: 'Add a member or change their role (owner)',
  tags: ['boards'],
  security: SESSION_ONLY,
  request: { params: boardParams, body: jsonBody(SetMemberBodySchema) },
  responses: {
    200: jsonContent(MemberResultSchema, 'Member'),
    400: errorResponse('Invalid role, or the owner'),
    403: roleTooLow,
    404: notFound,
  },
});
const removeMemberRoute = route({
  method: 'delete',
  path: '/{id}/members/{userId}',
  summary: 'Remove a member (owner)',
  tags: ['boards'],
  security: SESSION_ONLY,
  request: {
    params: z.object({ id: boardIdParam, userId: z.string().meta({ description: 'User id' }) }),
  },
  responses: { 204: noContent, 403: roleTooLow, 404: notFound },
});
const listShareLinksRoute = route({
  method: 'get',
  path: '/{id}/share-links',
  summary: 'Share links of a board (owner)',
  tags: ['boards'],
  request: { params: boardParams },
  responses: { 200: jsonContent(ShareLinkListSchema, 'Links'), 403: roleTooLow, 404: notFound },
});
const createShareLinkRoute = route({
  method: 'post',
  path: '/{id}/share-links',
  summary: 'Create a share link with a role and an expiry (owner)',
  tags: ['boards'],
  security: SESSION_ONLY,
  request: { params: boardParams, body: jsonBody(CreateShareLinkBodySchema) },
  responses: {
    201: jsonContent(CreatedShareLinkSchema, 'Link (token shown once)'),
    400: errorResponse('Invalid role or expiry'),
    403: roleTooLow,
    404: notFound,
  },
});
const revokeShareLinkRoute = route({
  method: 'delete',
  path: '/{id}/share-links/{linkId}',
  summary: 'Revoke a share link (owner)',
  tags: ['boards'],
  request: {
    params: z.object({ id: boardIdParam, linkId: z.string().meta({ description: 'Link id' }) }),
  },
  responses: { 204: noContent, 403: roleTooLow, 404: notFound },
});
const equationHistoryRoute = route({
  method: 'get',
  path: '/{id}/equations',
  summary: 'Equation history of a board, newest first',
  tags: ['equations'],
  request: { params: boardParams, query: PageQuerySchema },
  responses: { 200: jsonContent(EquationListSchema, 'Equations'), 404: notFound },
});

export function boardRoutes(deps: AppDeps) {
  const { db } = deps;

  /** Loads the board and checks the caller's role, 404 when they may not see it at all
   * (so board ids cannot be probed). */
  const access = async (c: AppContext, boardId: string, needed: BoardRole) => {
    const principal = requirePrincipal(c);
    const board = await findBoard(db, boardId);
    const role = board ? await boardRoleFor(db, principal, board.id) : null;
    if (!board || !role) throw new HttpError(404, 'no such board');
    if (!roleAtLeast(role, needed)) throw new HttpError(403, `this needs the ${needed} role`);
    return { principal, board, role };
  };

  /** API tokens also need the matching scope (sessions have every scope). */
  const requireScope = (principal: Principal, write: boolean) => {
    const ok = write
      ? hasScope(principal, 'board:write')
      : hasScope(principal, 'board:read') || hasScope(principal, 'board:write');
    if (!ok)
      throw new HttpError(
        403,
        `this token lacks the ${write ? 'board:write' : 'board:read'} scope`,
      );
  };

  return routes()
    .openapi(listBoards, async (c) => {
      const principal = requirePrincipal(c);
      requireScope(principal, false);
      const all = await listBoardsForUser(db, principal.user.id);
      // A token pinned to one board sees that board only, not the names of the others.
      const pinned = principal.kind === 'api-token' ? principal.token.boardId : null;
      const boards = pinned === null ? all : all.filter((b) => b.id === pinned);
      return c.json({ boards: boards.map((b) => ({ ...boardJson(b), role: b.role })) }, 200);
    })
    .openapi(newBoard, async (c) => {
      const { user } = requireSession(c);
      const { name } = c.req.valid('json');
      await deps.authLimits.checkBoardCreation(user.id, await countOwnedBoards(db, user.id));
      const board = await db.transaction((tx) => createBoard(tx, user.id, name));
      await recordEvent(db, { name: 'board.create', userId: user.id, boardId: board.id });
      return c.json({ board: { ...boardJson(board), role: 'owner' as const } }, 201);
    })
    .openapi(getBoard, async (c) => {
      const { board, role } = await access(c, c.req.valid('param').id, 'viewer');
      return c.json({ board: { ...boardJson(board), role } }, 200);
    })
    .openapi(renameBoardRoute, async (c) => {
      const { principal, board } = await access(c, c.req.valid('param').id, 'editor');
      requireScope(principal, true);
      const { name } = c.req.valid('json');
      const renamed = await renameBoard(db, board.id, name);
      // The database row is the source of truth and is already renamed; a failure to reach
      // the document (e.g. storage hiccup) must not turn a done rename into an error.
      await deps.retitleBoardDocument(board.id, name).catch((error: unknown) => {
        c.get('log').warn({ err: error, boardId: board.id }, 'board title not written to document');
      });
      if (!renamed) throw new HttpError(404, 'no such board');
      return c.json({ board: boardJson(renamed) }, 200);
    })
    .openapi(deleteBoardRoute, async (c) => {
      const { principal, board } = await access(c, c.req.valid('param').id, 'owner');
      requireSession(c);
      await db.transaction((tx) => deleteBoard(tx, board.id));
      deps.closeBoardConnections(board.id);
      await audit(db, {
        actorId: principal.user.id,
        action: 'board.delete',
        target: board.id,
        ip: clientIp(c),
      });
      return c.body(null, 204);
    })
    .openapi(listMembersRoute, async (c) => {
      const { board, role } = await access(c, c.req.valid('param').id, 'viewer');
      const members = await listMembers(db, board.id);
      // Emails are for the owner, who shares by email; others see names and roles.
      const shown =
        role === 'owner' ? members : members.map(({ email: _email, ...member }) => member);
      return c.json({ members: shown }, 200);
    })
    .openapi(setMemberRoute, async (c) => {
      const { principal, board } = await access(c, c.req.valid('param').id, 'owner');
      requireSession(c);
      const { email, role } = c.req.valid('json');
      const member = await findUserByEmail(db, email);
      if (!member) throw new HttpError(404, 'no user with this email');
      if (member.id === board.ownerId) throw new HttpError(400, 'the owner keeps the owner role');
      await setMember(db, board.id, member.id, role);
      // A downgraded member's open connection still has its old rights: reconnect it.
      deps.closeBoardConnections(board.id);
      await audit(db, {
        actorId: principal.user.id,
        action: 'board.member.set',
        target: board.id,
        ip: clientIp(c),
        details: { userId: member.id, role },
      });
      return c.json(
        {
          member: {
            userId: member.id,
            email: member.email,
            displayName: member.displayName,
            role,
          },
        },
        200,
      );
    })
    .openapi(removeMemberRoute, async (c) => {
      const { id, userId } = c.req.valid('param');
      const { principal, board } = await access(c, id, 'owner');
      requireSession(c);
      if (!(await removeMember(db, board.id, userId))) throw new HttpError(404, 'no such member');
      deps.closeBoardConnections(board.id);
      await audit(db, {
        actorId: principal.user.id,
        action: 'board.member.remove',
        target: board.id,
        ip: clientIp(c),
        details: { userId },
      });
      return c.body(null, 204);
    })
    .openapi(listShareLinksRoute, async (c) => {
      const { board } = await access(c, c.req.valid('param').id, 'owner');
      const links = await listShareLinks(db, board.id);
      return c.json(
        {
          shareLinks: links.map(({ id, role, createdAt, expiresAt, revokedAt }) => ({
            id,
            role,
            createdAt: createdAt.toISOString(),
            expiresAt: expiresAt.toISOString(),
            revokedAt: revokedAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    })
    .openapi(createShareLinkRoute, async (c) => {
      const { principal, board } = await access(c, c.req.valid('param').id, 'owner');
      requireSession(c);
      const { role, expiresInHours } = c.req.valid('json');
      const hours = expiresInHours ?? DEFAULT_SHARE_LINK_HOURS;
      const token = generateToken();
      const expiresAt = new Date(Date.now() + hours * 60 * 60 * 1000);
      const id = hashToken(token);
      await insertShareLink(db, {
        id,
        boardId: board.id,
        role,
        expiresAt,
        createdBy: principal.user.id,
      });
      await audit(db, {
        actorId: principal.user.id,
        action: 'board.share.create',
        target: board.id,
        ip: clientIp(c),
        details: { role, hours },
      });
      return c.json(
        {
          id,
          token,
          url: `${deps.origin()}/share/${token}`,
          role,
          expiresAt: expiresAt.toISOString(),
        },
        201,
      );
    })
    .openapi(revokeShareLinkRoute, async (c) => {
      const { id, linkId } = c.req.valid('param');
      const { principal, board } = await access(c, id, 'owner');
      if (!(await revokeShareLink(db, board.id, linkId)))
        throw new HttpError(404, 'no such live link');
      await audit(db, {
        actorId: principal.user.id,
        action: 'board.share.revoke',
        target: board.id,
        ip: clientIp(c),
      });
      return c.body(null, 204);
    })
    .openapi(equationHistoryRoute, async (c) => {
      const { board } = await access(c, c.req.valid('param').id, 'viewer');
      const { limit } = c.req.valid('query');
      const history = await equationHistory(db, board.id, limit ?? DEFAULT_PAGE);
      return c.json({ equations: history.map(equationJson) }, 200);
    });
}

const acceptShare = route({
  method: 'post',
  path: '/{token}/accept',
  summary: 'Join a board through a share link',
  tags: ['boards'],
  security: SESSION_ONLY,
  request: { params: z.object({ token: z.string().meta({ description: 'Share link token' }) }) },
  responses: {
    200: jsonContent(ShareAcceptedSchema, 'Joined'),
    404: errorResponse('Invalid or expired link'),
  },
});

export function shareRoutes(deps: AppDeps) {
  const { db } = deps;
  /** Redeems a share link: the signed-in user becomes a member with the link's role
   * (never lowering a role they already hold). */
  return routes().openapi(acceptShare, async (c) => {
    const { user } = requireSession(c);
    const link = await findLiveShareLink(db, hashToken(c.req.valid('param').token));
    if (!link) throw new HttpError(404, 'this link is invalid or expired');
    const role = await grantAtLeast(db, link.boardId, user.id, link.role);
    await audit(db, {
      actorId: user.id,
      action: 'board.share.accept',
      target: link.boardId,
      ip: clientIp(c),
      details: { role },
    });
    return c.json({ boardId: link.boardId, role }, 200);
  });
}

const search = route({
  method: 'get',
  path: '/search',
  summary: 'Search equations on my boards',
  tags: ['equations'],
  request: { query: SearchQuerySchema },
  responses: { 200: jsonContent(EquationListSchema, 'Equations'), 400: errorResponse('Bad query') },
});

export function searchRoutes(deps: AppDeps) {
  const { db } = deps;
  return routes().openapi(search, async (c) => {
    const principal = requirePrincipal(c);
    const { q, limit } = c.req.valid('query');
    const boards = await listBoardsForUser(db, principal.user.id);
    const allowed =
      principal.kind === 'api-token' && principal.token.boardId
        ? boards.filter((b) => b.id === principal.token.boardId)
        : boards;
    const hits = await searchEquations(
      db,
      allowed.map((b) => b.id),
      q,
      limit ?? DEFAULT_PAGE,
    );
    return c.json({ equations: hits.map(equationJson) }, 200);
  });
}
