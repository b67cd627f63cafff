import { defineConfig } from 'vitest/config';

// Every workspace's own vitest.config.ts is a project here, so `npm test` at the root
// runs them all, and `npm test -w <name>` runs one.
export default defineConfig({
  test: {
    projects: ['*/vitest.config.ts'],
  },
});
