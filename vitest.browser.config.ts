import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium through playwright-core; they live beside the
// code as `*.browser.test.ts` and run only here (`npm run test:browser`).
export default defineConfig({
  test: {
    include: ['*/src/**/*.browser.test.ts', '*/test/**/*.browser.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
