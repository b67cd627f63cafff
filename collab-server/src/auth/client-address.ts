/**
 * The client's address. `X-Forwarded-For` is a list each proxy appends to, so only its
 * last `trustedProxyHops` entries were written by proxies we run; anything before them
 * came from the client and is not believed (a new made-up value per request used to
 * bypass every per-address limit). With no trusted proxy the socket address counts.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxyHops: number,
): string {
  const direct = socketAddress ?? 'unknown';
  if (trustedProxyHops <= 0 || !forwardedFor) return direct;
  const hops = forwardedFor
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  // The entry our outermost trusted proxy received the request from.
  return hops[Math.max(0, hops.length - trustedProxyHops)] ?? direct;
}
