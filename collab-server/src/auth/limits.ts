import type { Quotas } from '../config.ts';
import type { RateLimiter } from './rate-limit.ts';

/** A request refused by a limit; the HTTP layer answers `status` with `Retry-After`. */
export class LimitError extends Error {
  readonly status: 429 | 403 | 503;
  readonly retryAfterMs: number;
  constructor(status: LimitError['status'], message: string, retryAfterMs = 0) {
    super(message);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Sign-in attempts per client address per window (several people may share a NAT). */
const SIGN_IN_ATTEMPTS_PER_ADDRESS = 50;
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords for one account before each further try must wait. */
const FREE_SIGN_IN_FAILURES = 5;
/** The wait doubles with each failure past the free ones, up to this: a guesser gets
 * ~60 tries an hour, while the owner is never locked out for long (no lockout). */
const MAX_SIGN_IN_DELAY_MS = 60_000;
/** Second-factor codes tried per account per window, however many sessions ask: six
 * digits then take years to guess. */
const TOTP_ATTEMPTS_PER_ACCOUNT = 5;
const TOTP_WINDOW_MS = 15 * 60 * 1000;
/** A code stays valid for its 30 s step and the grace steps either side: remember a
 * used one that long, so it cannot be replayed. */
const TOTP_CODE_MEMORY_MS = 90_000;
const HOUR_MS = 60 * 60 * 1000;

/** Whether the rate limiter's store (Redis) failed: then refuse, never allow unlimited. */
async function guarded<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch {
    throw new LimitError(
      503,
      'this is unavailable right now (rate limiter unreachable), try again later',
    );
  }
}

const signInDelayMs = (failures: number) =>
  Math.min(MAX_SIGN_IN_DELAY_MS, 1000 * 2 ** (failures - FREE_SIGN_IN_FAILURES));

/** The account and address limits of sign-in, sign-up, second factor and boards. */
export class AuthLimits {
  readonly #limiter: RateLimiter;
  readonly #quotas: Quotas;

  constructor(limiter: RateLimiter, quotas: Quotas) {
    this.#limiter = limiter;
    this.#quotas = quotas;
  }

  async #hit(key: string, limit: number, windowMs: number, message: string) {
    const { allowed, retryAfterMs } = await guarded(() => this.#limiter.hit(key, limit, windowMs));
    if (!allowed) throw new LimitError(429, message, retryAfterMs);
  }

  /** Before checking a password: the address budget, and the account's slow-down. */
  async checkSignIn(email: string, address: string): Promise<void> {
    await this.#hit(
      `signin:ip:${address}`,
      SIGN_IN_ATTEMPTS_PER_ADDRESS,
      SIGN_IN_WINDOW_MS,
      'too many sign-in attempts from this address, try again later',
    );
    const failures = await guarded(() =>
      this.#limiter.count(`signin:fail:${email}`, Number.MAX_SAFE_INTEGER, SIGN_IN_WINDOW_MS),
    );
    if (failures < FREE_SIGN_IN_FAILURES) return;
    const delay = signInDelayMs(failures);
    if ((await guarded(() => this.#limiter.count(`signin:slow:${email}`, 1, delay))) > 0) {
      throw new LimitError(
        429,
        'too many wrong passwords for this account: wait a moment before the next try',
        delay,
      );
    }
  }

  async signInFailed(email: string): Promise<void> {
    await guarded(async () => {
      await this.#limiter.hit(`signin:fail:${email}`, Number.MAX_SAFE_INTEGER, SIGN_IN_WINDOW_MS);
      const failures = await this.#limiter.count(
        `signin:fail:${email}`,
        Number.MAX_SAFE_INTEGER,
        SIGN_IN_WINDOW_MS,
      );
      if (failures >= FREE_SIGN_IN_FAILURES)
        await this.#limiter.hit(`signin:slow:${email}`, 1, signInDelayMs(failures));
    });
  }

  async signInSucceeded(email: string): Promise<void> {
    await guarded(() =>
      this.#limiter.reset(`signin:fail:${email}`, Number.MAX_SAFE_INTEGER, SIGN_IN_WINDOW_MS),
    );
  }

  async checkSignUp(address: string): Promise<void> {
    await this.#hit(
      `signup:ip:${address}`,
      this.#quotas.signupsPerAddressPerHour,
      HOUR_MS,
      'too many new accounts from this address, try again later',
    );
  }

  /** Before creating a board: the owner's quota and creation rate. */
  async checkBoardCreation(userId: string, ownedBoards: number): Promise<void> {
    if (ownedBoards >= this.#quotas.maxBoardsPerUser) {
      throw new LimitError(
        403,
        `you own ${ownedBoards} boards, the most an account may have; delete one first`,
      );
    }
    await this.#hit(
      `boards:user:${userId}`,
      this.#quotas.boardsPerHour,
      HOUR_MS,
      'too many new boards in the last hour, try again later',
    );
  }

  /** Before checking a second-factor code: per account, not per session. */
  async checkTotp(userId: string): Promise<void> {
    await this.#hit(
      `totp:user:${userId}`,
      TOTP_ATTEMPTS_PER_ACCOUNT,
      TOTP_WINDOW_MS,
      'too many codes tried for this account, try again later',
    );
  }

  /** After a code verified: false when it was used already within its validity. */
  async useTotpCode(userId: string, code: string): Promise<boolean> {
    const { allowed } = await guarded(() =>
      this.#limiter.hit(`totp:used:${userId}:${code}`, 1, TOTP_CODE_MEMORY_MS),
    );
    return allowed;
  }
}
