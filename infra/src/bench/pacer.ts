/**
 * Open-loop pacing: how many sends are due after `elapsedMs` at `perSecond`, given how
 * many went out already. Open loop on purpose: a slow server must not slow the senders
 * down (that would hide its queueing from the latency numbers).
 */
export function sendsDue(elapsedMs: number, perSecond: number, alreadySent: number): number {
  return Math.max(0, Math.floor((elapsedMs * perSecond) / 1000) - alreadySent);
}

/** Timer period of the pacers: fine enough to spread sends, cheap enough for the driver. */
export const PACER_TICK_MS = 5;

/** Calls `send` `perSecond` times a second until stopped; returns the stop function. */
export function pace(perSecond: number, send: () => void): () => number {
  const started = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = sendsDue(performance.now() - started, perSecond, sent);
    for (let i = 0; i < due; i++) send();
    sent += due;
  }, PACER_TICK_MS);
  return () => {
    clearInterval(timer);
    return sent;
  };
}
