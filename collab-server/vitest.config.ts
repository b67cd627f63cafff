import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'collab-server',
    include: ['src/**/*.test.ts'],
    // The attack suite runs on its own (vitest.attack.config.ts, `npm run test:attack`).
    exclude: ['**/*.browser.test.ts', 'src/attack/**'],
    // Integration tests start servers, child processes and PGlite instances; a single
    // test may take a few seconds on a shared 2-core machine, never a minute.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
