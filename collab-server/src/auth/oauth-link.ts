import type { Queryable } from '../db/database.ts';
import { createUser, findUserByEmail, findUserByOAuth, linkOAuthAccount } from '../db/users.ts';
import type { User } from '../db/users.ts';

export interface ProviderProfile {
  id: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** Linking refused: the message tells the person what to do instead. */
export class OAuthLinkError extends Error {}

/**
 * The account a provider sign-in opens. An existing link wins. Otherwise the provider is
 * linked to:
 * - the account signed in in this browser right now (an explicit sign-in of both);
 * - an account with the same, provider-verified email only when that account has no
 *   password: we never verified the email of a password account, so linking to one
 *   handed a victim's later GitHub sign-in to whoever had signed up with their address
 *   first (pre-account takeover);
 * - else a new account.
 */
export async function resolveOAuthUser(
  db: Queryable,
  provider: string,
  profile: ProviderProfile,
  signedIn: User | null,
): Promise<{ user: User; linked: boolean }> {
  const known = await findUserByOAuth(db, provider, profile.id);
  if (known) return { user: known, linked: false };
  const verifiedEmail = profile.email && profile.emailVerified ? profile.email : null;
  let user = signedIn;
  if (!user && verifiedEmail) {
    const existing = await findUserByEmail(db, verifiedEmail);
    if (existing?.passwordHash) {
      throw new OAuthLinkError(
        `An account with ${verifiedEmail} already exists. Sign in with its password first, ` +
          `then sign in with ${provider} in the same browser to connect the two.`,
      );
    }
    user = existing;
  }
  user ??= await createUser(db, {
    email: verifiedEmail ?? `${provider}-${profile.id}@users.noreply.motionmath`,
    displayName: profile.name ?? `${provider} user`,
    passwordHash: null,
  });
  await linkOAuthAccount(db, provider, profile.id, user.id);
  return { user, linked: true };
}
