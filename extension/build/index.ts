// The extension package's one way in, for build tooling (wxt.config.ts): the offline
// MediaPipe model bundles. The extension itself is built by WXT from the entrypoints.
export {
  MODEL_VARIANTS,
  buildHandLandmarkerTask,
  taskFileName,
  visionWasmFiles,
  writeModelBundles,
} from './model-bundle.ts';
export type { ModelVariant } from './model-bundle.ts';
