import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectBidi } from './bidi-client.ts';
import type { BidiClient } from './bidi-client.ts';
import { QUIET_PREFS } from './firefox-prefs.ts';
import { startVirtualDisplay } from './xvfb.ts';

/** `FIREFOX_PATH`, else Debian's `firefox-esr` (`.ci/run` installs it). */
export const firefoxPath: string = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const firefoxMissing: string | null = existsSync(firefoxPath)
  ? null
  : `(skipped: no Firefox at ${firefoxPath}; apt-get install firefox-esr or set FIREFOX_PATH)`;

/** The extension's gecko id (wxt.config.ts). */
export const GECKO_ID = 'extension@motionmath.app';

export interface FirefoxSession {
  readonly bidi: BidiClient;
  /** The moz-extension:// origin of the installed extension. */
  readonly extensionOrigin: string;
  /** The browsing context (BiDi id) of the first tab. */
  readonly tab: string;
  /** Loads `url` in the tab and waits for its load event. */
  navigate(url: string): Promise<void>;
  /**
   * Evaluates `expression` (may be a promise) in a browsing context and returns its
   * value through JSON.
   */
  evaluate<T>(context: string, expression: string): Promise<T>;
  /** The browsing contexts of the frames inside `context`, with their URLs. */
  frames(context: string): Promise<{ context: string; url: string }[]>;
  /**
   * Fires the extension's keyboard command bound to `modifiers`+`key` (e.g. "alt,shift",
   * "M") in the browser window, as pressing it does; false if no such shortcut exists.
   */
  fireShortcut(modifiers: string, key: string): Promise<boolean>;
  /** Everything Firefox wrote to stderr (for failure messages). */
  log(): string;
  close(): Promise<void>;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { value?: unknown };
  exceptionDetails?: { text: string };
}

interface Tree {
  contexts: { context: string; url: string; children: { context: string; url: string }[] }[];
}

export interface FirefoxOptions {
  /** The unpacked extension to install as a temporary add-on. */
  extensionDir: string;
  /** The recording proxy every non-loopback request goes to. */
  proxyPort: number;
}

function userJs(prefs: Record<string, string | number | boolean>): string {
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

/**
 * Headless Firefox with a throwaway profile, driven over WebDriver BiDi, with the
 * extension installed as a temporary add-on, a fake camera, and all outside traffic sent
 * to the recording proxy.
 */
export async function openFirefox(options: FirefoxOptions): Promise<FirefoxSession> {
  const profile = await mkdtemp(join(tmpdir(), 'motionmath-firefox-'));
  // A fixed internal UUID (Firefox otherwise picks a random one at install), so the test
  // knows the extension's moz-extension:// origin.
  const uuid = crypto.randomUUID();
  const prefs = {
    ...QUIET_PREFS,
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': options.proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': options.proxyPort,
    'network.proxy.share_proxy_settings': true,
    // Loopback stays direct (the default; set so it does not depend on Firefox's).
    'network.proxy.allow_hijacking_localhost': false,
    'media.navigator.streams.fake': true,
    'media.navigator.permission.disabled': true,
    'media.autoplay.default': 0,
    // MV3 host permissions (the overlay's <all_urls>) granted at install, as Firefox
    // does by default since 127 (the user can revoke them in the add-on's settings).
    'extensions.originControls.grantByDefault': true,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
  };
  await writeFile(join(profile, 'user.js'), userJs(prefs));
  // On Xvfb when there is one (WebGL, which MediaPipe needs: see xvfb.ts), else headless.
  const screen = await startVirtualDisplay();
  const child = spawn(
    firefoxPath,
    [
      ...(screen ? [] : ['--headless']),
      '--no-remote',
      // Lets BiDi reach the browser window, where extension shortcuts live (fireShortcut).
      '--remote-allow-system-access',
      '--remote-debugging-port',
      '0',
      '--profile',
      profile,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        ...(screen ? { DISPLAY: screen.display } : {}),
        MOZ_CRASHREPORTER_DISABLE: '1',
        // Release builds ignore services.settings.server unless this is set.
        MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
      },
    },
  );
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    child.kill();
    await exited;
    await screen?.stop();
    await rm(profile, { recursive: true, force: true });
  };
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Firefox did not start:\n${stderr}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Firefox exited (${String(code)}) before BiDi was up:\n${stderr}`));
    });
  });
  const endpoint = await started.catch(async (error: unknown) => {
    await close();
    throw error;
  });
  try {
    const bidi = await connectBidi(`${endpoint}/session`);
    await bidi.send('session.new', { capabilities: {} });
    const installed = await bidi.send<{ extension: string }>('webExtension.install', {
      extensionData: { type: 'path', path: options.extensionDir },
    });
    if (installed.extension !== GECKO_ID)
      throw new Error(`installed ${installed.extension}, expected ${GECKO_ID}`);
    const tab = (await bidi.send<Tree>('browsingContext.getTree', { maxDepth: 0 })).contexts[0];
    if (!tab) throw new Error('Firefox has no tab');
    const evaluate = async <T>(context: string, expression: string) => {
      const answer = await bidi.send<EvaluateResult>('script.evaluate', {
        target: { context },
        expression: `(async () => JSON.stringify(await (${expression})))()`,
        awaitPromise: true,
      });
      if (answer.type === 'exception')
        throw new Error(
          `${expression.slice(0, 120)}: ${answer.exceptionDetails?.text ?? 'exception'}`,
        );
      const json = answer.result?.value;
      return (typeof json === 'string' ? JSON.parse(json) : undefined) as T;
    };
    return {
      bidi,
      extensionOrigin: `moz-extension://${uuid}`,
      tab: tab.context,
      async navigate(url) {
        await bidi.send('browsingContext.navigate', {
          context: tab.context,
          url,
          wait: 'complete',
        });
      },
      evaluate,
      async frames(context) {
        const tree = await bidi.send<Tree>('browsingContext.getTree', { root: context });
        return (tree.contexts[0]?.children ?? []).map((c) => ({ context: c.context, url: c.url }));
      },
      async fireShortcut(modifiers, key) {
        // BiDi's input.performActions types into the page (content process); Firefox
        // handles extension shortcuts in the browser window, which those synthesized keys
        // never reach (tried). So the test fires the <key> element Firefox built from the
        // manifest's `commands` (ExtensionShortcuts), through the privileged browser-window
        // context that --remote-allow-system-access exposes.
        // As for a person pressing the keys: our tab is the active one.
        await bidi.send('browsingContext.activate', { context: tab.context });
        const windows = await bidi.send<Tree>('browsingContext.getTree', {
          maxDepth: 0,
          'moz:scope': 'chrome',
        });
        const browserWindow = windows.contexts[0]?.context;
        if (!browserWindow) throw new Error('no Firefox browser window');
        const selector = `keyset[id^="ext-keyset-id-"] key[modifiers=${JSON.stringify(modifiers)}][key=${JSON.stringify(key)}]`;
        return evaluate<boolean>(
          browserWindow,
          `(() => { const k = document.querySelector(${JSON.stringify(selector)}); k?.doCommand(); return !!k; })()`,
        );
      },
      log: () => stderr,
      close: async () => {
        await bidi.send('session.end').catch(() => undefined);
        bidi.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
