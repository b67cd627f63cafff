import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from './types.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read operational detail (`/metrics`, the readiness checks' messages): the
 * bearer of `METRICS_TOKEN`, or, when none is configured, a caller on this machine with no
 * proxy in between (`npm start` on a laptop). Metrics name boards and users' activity, and
 * readiness errors name hosts, so the internet gets neither.
 */
export function isOperator(c: AppContext, metricsToken: string | undefined): boolean {
  if (metricsToken) {
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    // Hashes first: equal lengths for timingSafeEqual, and no timing leak of the length.
    return given !== '' && timingSafeEqual(digest(given), digest(metricsToken));
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  const direct = incoming?.socket?.remoteAddress;
  return direct !== undefined && LOOPBACK.has(direct) && !c.req.header('x-forwarded-for');
}
