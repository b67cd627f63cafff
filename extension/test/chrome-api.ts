/**
 * The sliver of the `chrome` API that tests evaluate inside the extension's service
 * worker (Playwright serializes the function; this only types it).
 */
export interface ChromeInWorker {
  tabs: {
    query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
  commands: { onCommand: { hasListeners(): boolean } };
}
