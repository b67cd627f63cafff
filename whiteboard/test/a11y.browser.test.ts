import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, startApp, typeEquation, UI_TIMEOUT_MS } from './harness.ts';
import type { App } from './harness.ts';

/**
 * An automated accessibility audit (axe-core, WCAG 2 A and AA rules) of the three screens a
 * teacher goes through: sign-in, the board list, and a board with a solved card and a graph.
 */

/** Findings at these impacts fail the audit; minor and moderate ones are printed. */
const BLOCKING = new Set(['serious', 'critical']);

let app: App;
let axeSource: string;

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  app = await startApp();
}, 240_000);

afterAll(async () => {
  await app?.close();
}, 60_000);

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

async function audit(page: Page, screen: string): Promise<Finding[]> {
  await page.addScriptTag({ content: axeSource });
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe;
    const result = (await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  for (const f of findings)
    console.log(`[axe ${screen}] ${f.impact} ${f.id}: ${f.help} — ${f.targets.join(', ')}`);
  return findings.filter((f) => BLOCKING.has(f.impact ?? ''));
}

describe('accessibility audit (axe-core)', () => {
  it('sign-in, board list and board have no serious or critical findings', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signIn = await context.newPage();
    await signIn.goto(app.base);
    await signIn
      .getByRole('button', { name: 'Create an account' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await audit(signIn, 'sign-in')).toEqual([]);
    await context.close();

    const teacher = await app.newUser('Teacher');
    expect(await audit(teacher, 'board list')).toEqual([]);

    await createBoard(teacher, 'Accessible board');
    await typeEquation(teacher, '2x+3=11');
    await typeEquation(teacher, 'y=x^2-4');
    await teacher
      .locator('[aria-label="Equation 2x+3=11"][data-status="solved"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await teacher
      .locator('[aria-label="Equation y=x^2-4"]')
      .getByRole('button', { name: 'Show graph' })
      .click();
    await teacher.locator('[data-graph-id]').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await audit(teacher, 'board')).toEqual([]);
  });
});
