import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'collab-server',
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts'],
    // Integration tests start servers, child processes and PGlite instances; a single
    // test may take a few seconds on a shared 2-core machine, never a minute.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
