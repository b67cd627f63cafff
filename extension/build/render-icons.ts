import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '@motionmath/testkit';

/**
 * Renders `assets/icon.svg` to the PNG icons WXT puts in the manifest
 * (`public/icon/<size>.png`). Run by hand after changing the SVG:
 * `node extension/build/render-icons.ts`; the PNGs are committed.
 */
const SIZES = [16, 32, 48, 128];
const dir = join(import.meta.dirname, '..');
const svg = await readFile(join(dir, 'assets', 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const png = await page.screenshot({ omitBackground: true });
    await writeFile(join(dir, 'public', 'icon', `${size}.png`), png);
  }
} finally {
  await browser.close();
}
