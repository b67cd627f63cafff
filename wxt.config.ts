import { defineConfig } from 'wxt';
import { join } from 'node:path';
import {
  MODEL_VARIANTS,
  taskFileName,
  visionWasmFiles,
  writeModelBundles,
} from '@motionmath/extension';

/**
 * WXT builds the extension from `extension/` (its srcDir). The HandLandmarker model
 * bundles are made at build time from `@mediapipe/hands` (never downloaded, never
 * committed) and copied with the tasks-vision WASM runtime into the output.
 */

/** Where built model bundles are cached between builds (outside the source tree). */
const MODEL_CACHE = join(import.meta.dirname, 'node_modules', '.cache', 'motionmath-models');
/** Everything the tracker page loads from the extension itself. */
const TRACKER_RESOURCES = ['tracker.html', 'models/*', 'mediapipe/*'];
/** The extension's version (the root package.json is the monorepo's and has none). */
const VERSION = '0.1.0';

export default defineConfig({
  srcDir: 'extension',
  outDir: 'extension/.output',
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: code reads the same in the editor, in tsc and in WXT.
  imports: false,
  zip: {
    artifactTemplate: `motionmath-{{browser}}-${VERSION}.zip`,
    sourcesTemplate: `motionmath-${VERSION}-sources.zip`,
  },
  manifest: ({ browser }) => ({
    name: 'MotionMath',
    version: VERSION,
    description:
      'Write math in the air over any page or video call; send it, solved, to your board.',
    // storage: settings and the offline outbox. Nothing else: the overlay's content
    // script gives page access, the camera is asked by the tracker page itself.
    permissions: ['storage'],
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
        // A stable URL on purpose: the whiteboard must be able to navigate to it.
        resources: ['connect.html'],
        matches: ['<all_urls>'],
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'extension@motionmath.app',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
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
