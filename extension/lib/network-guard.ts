/**
 * MediaPipe tasks-vision 1.1.0 has a usage logger that POSTs to a Google endpoint every
 * 60 s and on `close()`. The product promises that nothing about the camera leaves the
 * machine, so the tracker page allows `fetch` only to its own extension origin. (Its CSP
 * also says `connect-src 'self'`: two independent locks.) Returns what was blocked.
 */
export function blockForeignFetch(): string[] {
  const blocked: string[] = [];
  const original = globalThis.fetch.bind(globalThis);
  const own = location.origin;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== own) {
      blocked.push(url.origin + url.pathname);
      return Promise.reject(new TypeError(`MotionMath blocked a request to ${url.origin}`));
    }
    return original(input, init);
  };
  return blocked;
}
