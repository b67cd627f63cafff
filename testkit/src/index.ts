export {
  apiRequest,
  newApiToken,
  newBoard,
  shareBoard,
  signUp,
  TEST_PASSWORD,
} from './accounts.ts';
export type { ApiResponse, TestAccount } from './accounts.ts';
export { BenchTableError, renderTable, updateTables } from './bench-tables.ts';
export {
  CHROMIUM_QUIET_FLAGS,
  chromiumPath,
  launchChromium,
  launchWithExtension,
} from './browser.ts';
export type { ExtensionBrowser } from './browser.ts';
export { listenOnFreePort, serveStatic } from './http.ts';
export type { StaticSite } from './http.ts';
export { seededRandom, testSeed } from './random.ts';
export type { Random } from './random.ts';
export { readJsonLines, repoRoot, sharedData, sharedDataDir } from './shared-data.ts';
export type { SharedFile } from './shared-data.ts';
export { percentile, summarize } from './stats.ts';
export type { LatencySummary } from './stats.ts';
