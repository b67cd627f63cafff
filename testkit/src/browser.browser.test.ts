import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { serveStatic } from './http.ts';
import type { StaticSite } from './http.ts';

const PAGE = `<!doctype html><title>probe</title>
<button id="go" onclick="document.getElementById('out').textContent = String(6 * 7)">go</button>
<output id="out"></output>`;

describe('Chromium helper', () => {
  let browser: Browser;
  let site: StaticSite;

  beforeAll(async () => {
    site = await serveStatic({ '/': PAGE });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('drives a real page served on a free port', async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.click('#go');
    await expect.poll(() => page.textContent('#out')).toBe('42');
    const shot = await page.screenshot();
    expect(shot.byteLength).toBeGreaterThan(1000);
    await page.close();
  });
});
