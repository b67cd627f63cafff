import { API_TOKEN_PREFIX, generateToken, hashToken } from '../auth/secrets.ts';
import { insertApiToken } from '../db/api-tokens.ts';
import type { Queryable } from '../db/database.ts';
import { createUser, findUserByEmail } from '../db/users.ts';

/**
 * The account that owns solver tokens. It has no password and `.invalid` is a reserved
 * domain, so nobody can sign in as it; it exists because every token belongs to a user.
 */
export const SOLVER_SERVICE_EMAIL = 'solver-workers@motionmath.invalid';

/** Solver tokens live long (workers are deployed with them) but not forever. */
const DEFAULT_SOLVER_TOKEN_DAYS = 365;

/** Issue an API token with the `solver` scope. Returns the token; only its hash is stored. */
export async function issueSolverToken(
  db: Queryable,
  options: { name: string; days?: number },
): Promise<string> {
  const owner =
    (await findUserByEmail(db, SOLVER_SERVICE_EMAIL)) ??
    (await createUser(db, {
      email: SOLVER_SERVICE_EMAIL,
      displayName: 'Solver workers',
      passwordHash: null,
    }));
  const token = API_TOKEN_PREFIX + generateToken();
  const days = options.days ?? DEFAULT_SOLVER_TOKEN_DAYS;
  await insertApiToken(db, {
    id: hashToken(token),
    userId: owner.id,
    name: options.name,
    scopes: ['solver'],
    boardId: null,
    expiresAt: new Date(Date.now() + days * 24 * 60 * 60 * 1000),
  });
  return token;
}
