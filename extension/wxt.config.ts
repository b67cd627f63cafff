import { defineConfig } from 'wxt';
import { join } from 'node:path';
import { MODEL_VARIANTS, taskFileName, visionWasmFiles, writeModelBundles } from './build/index.ts';

/**
 * WXT builds the extension from this folder (its root and srcDir; `npm run build:extension`
 * at the top runs `wxt build extension`). The HandLandmarker model
 * bundles are made at build time from `@mediapipe/hands` (never downloaded, never
 * committed) and copied with the tasks-vision WASM runtime into the output.
 */

/** Where built model bundles are cached between builds (outside the source tree). */
const MODEL_CACHE = join(import.meta.dirname, '..', 'node_modules', '.cache', 'motionmath-models');
/** Everything the tracker page loads from the extension itself. */
const TRACKER_RESOURCES = ['tracker.html', 'models/*', 'mediapipe/*'];
/** The extension's version (as in this folder's package.json). */
const VERSION = '0.1.0';

export default defineConfig({
  outDir: '.output',
  publicDir: 'public',
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: code reads the same in the editor, in tsc and in WXT.
  imports: false,
  zip: {
    // AMO builds the add-on from the sources zip: it needs the whole monorepo (the
    // recognizer and protocol workspaces), not only this folder.
    sourcesRoot: join(import.meta.dirname, '..'),
    artifactTemplate: `motionmath-{{browser}}-${VERSION}.zip`,
    sourcesTemplate: `motionmath-${VERSION}-sources.zip`,
  },
  manifest: ({ browser }) => ({
    name: 'MotionMath',
    version: VERSION,
    // The stores show this under the name (Chrome: at most 132 characters).
    description:
      'Write math in the air over any page or video call; it lands, solved, on your board.',
    // storage: settings, the outbox, the service worker's routes. activeTab + scripting:
    // the overlay is injected into the tab the user asks for (shortcut, popup, context
    // menu), nowhere else. contextMenus: that menu entry (no access, no install warning).
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus'],
    // The user's board server, asked for that one origin when they connect.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'MotionMath' },
    commands: {
      'toggle-overlay': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: 'Show or hide the MotionMath overlay',
      },
    },
    content_security_policy: {
      // 'wasm-unsafe-eval' is needed by the tracker page (MediaPipe's WebAssembly). The
      // manifest can only set one policy for all extension pages, so every other page
      // takes it away again with a stricter <meta> policy (see their index.html).
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    web_accessible_resources: [
      {
        resources: TRACKER_RESOURCES,
        matches: ['<all_urls>'],
        // A fresh URL per browser session, so pages cannot probe for the extension.
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
      {
        // The sign-in landing page the whiteboard redirects to (it checks a one-time state).
        // Dynamic too: the options page hands the whiteboard the session's URL.
        resources: ['connect.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'extension@motionmath.app',
              // 140 (ESR): the first Firefox that knows `data_collection_permissions`,
              // which AMO requires of new add-ons (addons-linter 10.14 warns below it).
              strict_min_version: '140.0',
              // Collects nothing: video and ink stay on the device or go to the user's
              // own board server.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    'build:publicAssets': async (_wxt, files) => {
      const bundles = await writeModelBundles(MODEL_CACHE);
      for (const variant of MODEL_VARIANTS)
        files.push({
          absoluteSrc: bundles[variant],
          relativeDest: `models/${taskFileName(variant)}`,
        });
      for (const wasm of visionWasmFiles())
        files.push({ absoluteSrc: wasm.path, relativeDest: `mediapipe/${wasm.name}` });
    },
  },
});
