import { Hono } from 'hono';
import { boardRoleFor, hasScope } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import { generateToken, hashToken } from '../auth/secrets.ts';
import {
  createBoard,
  deleteBoard,
  findBoard,
  findLiveShareLink,
  grantAtLeast,
  insertShareLink,
  isBoardRole,
  listBoardsForUser,
  listMembers,
  listShareLinks,
  removeMember,
  renameBoard,
  revokeShareLink,
  roleAtLeast,
  setMember,
} from '../db/boards.ts';
import type { BoardRole } from '../db/boards.ts';
import { equationHistory, searchEquations } from '../db/equations.ts';
import { audit, recordEvent } from '../db/events.ts';
import { findUserByEmail } from '../db/users.ts';
import type { AppContext, AppDeps, AppEnv } from './types.ts';
import {
  HttpError,
  clientIp,
  jsonBody,
  requirePrincipal,
  requireSession,
  stringField,
} from './types.ts';

const MAX_BOARD_NAME = 200;
/** Share links live at most 30 days: a forgotten link should not open a board forever. */
const MAX_SHARE_LINK_HOURS = 30 * 24;
const DEFAULT_SHARE_LINK_HOURS = 7 * 24;
/** History and search pages: enough for a screen, bounded for the database. */
const MAX_PAGE = 200;
const DEFAULT_PAGE = 50;

function pageSize(value: string | undefined): number {
  const n = value === undefined ? DEFAULT_PAGE : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE)
    throw new HttpError(400, `limit must be 1–${MAX_PAGE}`);
  return n;
}

export function boardRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  /** Loads the board and checks the caller's role, 404 when they may not see it at all
   * (so board ids cannot be probed). */
  const access = async (c: AppContext, needed: BoardRole) => {
    const principal = requirePrincipal(c);
    const boardId = c.req.param('id') ?? '';
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

  app.get('/', async (c) => {
    const principal = requirePrincipal(c);
    requireScope(principal, false);
    const boards = await listBoardsForUser(db, principal.user.id);
    return c.json({ boards });
  });

  app.post('/', async (c) => {
    const { user } = requireSession(c);
    const body = await jsonBody(c);
    const name = stringField(body, 'name', { max: MAX_BOARD_NAME });
    const board = await db.transaction((tx) => createBoard(tx, user.id, name));
    await recordEvent(db, { name: 'board.create', userId: user.id, boardId: board.id });
    return c.json({ board: { ...board, role: 'owner' } }, 201);
  });

  app.get('/:id', async (c) => {
    const { board, role } = await access(c, 'viewer');
    return c.json({ board: { ...board, role } });
  });

  app.patch('/:id', async (c) => {
    const { principal, board } = await access(c, 'editor');
    requireScope(principal, true);
    const name = stringField(await jsonBody(c), 'name', { max: MAX_BOARD_NAME });
    const renamed = await renameBoard(db, board.id, name);
    // The database row is the source of truth and is already renamed; a failure to reach
    // the document (e.g. storage hiccup) must not turn a done rename into an error.
    await deps.retitleBoardDocument(board.id, name).catch((error: unknown) => {
      c.get('log').warn({ err: error, boardId: board.id }, 'board title not written to document');
    });
    return c.json({ board: renamed });
  });

  app.delete('/:id', async (c) => {
    const { principal, board } = await access(c, 'owner');
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
  });

  app.get('/:id/members', async (c) => {
    const { board } = await access(c, 'viewer');
    return c.json({ members: await listMembers(db, board.id) });
  });

  app.put('/:id/members', async (c) => {
    const { principal, board } = await access(c, 'owner');
    requireSession(c);
    const body = await jsonBody(c);
    const role = body['role'];
    if (!isBoardRole(role) || role === 'owner')
      throw new HttpError(400, 'role must be editor or viewer');
    const member = await findUserByEmail(db, stringField(body, 'email', { max: 254 }));
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
    return c.json({
      member: { userId: member.id, email: member.email, displayName: member.displayName, role },
    });
  });

  app.delete('/:id/members/:userId', async (c) => {
    const { principal, board } = await access(c, 'owner');
    requireSession(c);
    if (!(await removeMember(db, board.id, c.req.param('userId'))))
      throw new HttpError(404, 'no such member');
    deps.closeBoardConnections(board.id);
    await audit(db, {
      actorId: principal.user.id,
      action: 'board.member.remove',
      target: board.id,
      ip: clientIp(c),
      details: { userId: c.req.param('userId') },
    });
    return c.body(null, 204);
  });

  app.get('/:id/share-links', async (c) => {
    const { board } = await access(c, 'owner');
    const links = await listShareLinks(db, board.id);
    return c.json({
      shareLinks: links.map(({ id, role, expiresAt, revokedAt }) => ({
        id,
        role,
        expiresAt,
        revokedAt,
      })),
    });
  });

  app.post('/:id/share-links', async (c) => {
    const { principal, board } = await access(c, 'owner');
    requireSession(c);
    const body = await jsonBody(c);
    const role = body['role'];
    if (role !== 'editor' && role !== 'viewer')
      throw new HttpError(400, 'role must be editor or viewer');
    const hours =
      body['expiresInHours'] === undefined
        ? DEFAULT_SHARE_LINK_HOURS
        : Number(body['expiresInHours']);
    if (!(hours > 0 && hours <= MAX_SHARE_LINK_HOURS))
      throw new HttpError(400, `expiresInHours must be in (0, ${MAX_SHARE_LINK_HOURS}]`);
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
    return c.json({ id, token, url: `${deps.origin()}/share/${token}`, role, expiresAt }, 201);
  });

  app.delete('/:id/share-links/:linkId', async (c) => {
    const { principal, board } = await access(c, 'owner');
    if (!(await revokeShareLink(db, board.id, c.req.param('linkId'))))
      throw new HttpError(404, 'no such live link');
    await audit(db, {
      actorId: principal.user.id,
      action: 'board.share.revoke',
      target: board.id,
      ip: clientIp(c),
    });
    return c.body(null, 204);
  });

  app.get('/:id/equations', async (c) => {
    const { board } = await access(c, 'viewer');
    return c.json({
      equations: await equationHistory(db, board.id, pageSize(c.req.query('limit'))),
    });
  });

  return app;
}

export function shareRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  /** Redeems a share link: the signed-in user becomes a member with the link's role
   * (never lowering a role they already hold). */
  app.post('/:token/accept', async (c) => {
    const { user } = requireSession(c);
    const link = await findLiveShareLink(db, hashToken(c.req.param('token')));
    if (!link) throw new HttpError(404, 'this link is invalid or expired');
    const role = await grantAtLeast(db, link.boardId, user.id, link.role);
    await audit(db, {
      actorId: user.id,
      action: 'board.share.accept',
      target: link.boardId,
      ip: clientIp(c),
      details: { role },
    });
    return c.json({ boardId: link.boardId, role });
  });
  return app;
}

export function searchRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  app.get('/search', async (c) => {
    const principal = requirePrincipal(c);
    const q = c.req.query('q')?.trim() ?? '';
    if (q.length === 0 || q.length > 200) throw new HttpError(400, 'q must be 1–200 characters');
    const boards = await listBoardsForUser(db, principal.user.id);
    const allowed =
      principal.kind === 'api-token' && principal.token.boardId
        ? boards.filter((b) => b.id === principal.token.boardId)
        : boards;
    const hits = await searchEquations(
      db,
      allowed.map((b) => b.id),
      q,
      pageSize(c.req.query('limit')),
    );
    return c.json({ equations: hits });
  });
  return app;
}
