/**
 * The setup the end-to-end extension tests share: a fake camera writing an equation in
 * the air, a real collab-server that answers CORS for the extension, a teacher's account
 * and board, the options page filled in the way a person does, and a reader of what
 * landed on the board.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { attachSolver, createServer } from '@motionmath/collab-server';
import type { AttachedSolver, CollabServer } from '@motionmath/collab-server';
import { listEquations } from '@motionmath/protocol';
import { sharedData } from '@motionmath/testkit';
import type { Page } from 'playwright-core';
import { fakeCameraArgs, openExtension, waitUntil } from './browser-session.ts';
import type { ExtensionSession } from './browser-session.ts';
import { pickEquation } from './equation.ts';
import type { EquationSample } from './equation.ts';
import { writeAirWritingY4m } from './fake-camera.ts';
import { callServer, signUpWithExtensionToken } from './server-account.ts';
import type { TestAccount } from './server-account.ts';

const hands = sharedData('hands/landmarks.json');
const crohme = sharedData('crohme/train.jsonl.gz');
/** Why the air-writing tests skip (real hand photos or CROHME absent), or null. */
export const airWritingSkipReason = hands.skipReason ?? crohme.skipReason;

/**
 * Setup builds the extension when its sources changed (~80 s on a loaded machine), makes
 * the camera video with ffmpeg and starts a server: on a shared 2-core machine under load
 * that has taken over 3 minutes.
 */
export const SETUP_TIMEOUT_MS = 420_000;

/** Chromium with the built extension and a fake camera air-writing a CROHME equation. */
export async function openExtensionWritingAnEquation(): Promise<{
  session: ExtensionSession;
  dir: string;
  equation: EquationSample;
}> {
  const equation = pickEquation(crohme.path ?? '');
  return { ...(await openExtensionWritingInTheAir(hands.path ?? '', equation)), equation };
}

/** Chromium with the built extension and a fake camera that air-writes `equation`. */
export async function openExtensionWritingInTheAir(
  handsPath: string,
  equation: EquationSample,
): Promise<{ session: ExtensionSession; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'motionmath-camera-'));
  const y4m = join(dir, 'air-writing.y4m');
  await writeAirWritingY4m(join(handsPath, '..'), equation.strokes, y4m);
  return { session: await openExtension(fakeCameraArgs(y4m)), dir };
}

export interface Lesson {
  server: CollabServer;
  /** Null when started without one: equations then wait on the board. */
  solver: AttachedSolver | null;
  account: TestAccount;
  boardId: string;
  /** What the whiteboard's sign-in hands to the extension: a token scoped to boards. */
  token: string;
}

/** A server answering CORS for this extension (its id comes from the build's path), a
 * teacher's account and a board named "Lesson". */
export async function startLesson(
  session: ExtensionSession,
  options: { solver: boolean },
): Promise<Lesson> {
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    logLevel: 'silent',
    allowedOrigins: [`chrome-extension://${session.extensionId}`],
  });
  const solver = options.solver ? attachSolver(server, { workers: 1 }) : null;
  await server.listen();
  const account = await signUpWithExtensionToken(server.url, 'teacher@example.org');
  const created = await callServer(
    server.url,
    'POST',
    '/api/boards',
    { name: 'Lesson' },
    account.session,
  );
  const boardId = (created['board'] as { id: string }).id;
  return { server, solver, account, boardId, token: account.extensionToken };
}

/** The options page as a person fills it: server, pasted token, "check account", then
 * the board picked from the server's list. Returned open for any further settings. */
export async function connectInOptions(session: ExtensionSession, lesson: Lesson): Promise<Page> {
  const options = await session.browser.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.locator('input[name=serverUrl]').fill(lesson.server.url);
  await options.locator('input[name=token]').fill(lesson.token);
  await options.locator('button[name=refresh]').click();
  await options
    .locator(`select[name=board] option[value="${lesson.boardId}"]`)
    .waitFor({ state: 'attached' });
  await options.locator('select[name=board]').selectOption(lesson.boardId);
  // The choice is saved asynchronously (read, then write `storage.local`): a caller that
  // closes the page at once could close it between the two, and the extension would have
  // no board. Return once the stored settings hold it.
  await waitUntil('the board choice to be stored', async () =>
    options.evaluate(
      async (boardId) =>
        (
          (await (
            globalThis as unknown as {
              chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
            }
          ).chrome.storage.local.get('settings')) as { settings?: { boardId?: string } }
        ).settings?.boardId === boardId,
      lesson.boardId,
    ),
  );
  return options;
}

/** The equations on the lesson's board, read by a fresh provider once synced. */
export async function boardEquations(lesson: Lesson) {
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    url: lesson.server.url.replace(/^http/, 'ws'),
    name: lesson.boardId,
    token: lesson.token,
    document: doc,
  });
  try {
    await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
    return listEquations(doc).items;
  } finally {
    provider.destroy();
    doc.destroy();
  }
}
