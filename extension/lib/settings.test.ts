import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The settings live in `storage.local`; in Node the fake browser stands in for it (WXT's
// storage takes `globalThis.chrome` when it is first loaded, hence the late import).
vi.stubGlobal('chrome', fakeBrowser);
const { DEFAULT_SETTINGS, loadSettings, onSettingsChanged, saveSettings } =
  await import('./settings.ts');

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the school symbols off by default', async () => {
    expect(DEFAULT_SETTINGS.schoolSymbols).toBe(false);
    expect((await loadSettings()).schoolSymbols).toBe(false);
  });

  it('saves the school symbols and tells a watcher, with the other settings kept', async () => {
    await saveSettings({ boardId: 'b1' });
    const seen = new Promise<boolean>((resolve) => {
      const off = onSettingsChanged((s) => {
        off();
        resolve(s.schoolSymbols && s.boardId === 'b1');
      });
    });
    await saveSettings({ schoolSymbols: true });
    expect(await seen).toBe(true);
    expect(await loadSettings()).toMatchObject({ schoolSymbols: true, boardId: 'b1' });
  });
});
