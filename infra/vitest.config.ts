import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'infra',
    include: ['src/**/*.test.ts'],
    // The cluster fault test runs on its own (`npm run test:cluster`, vitest.cluster.config.ts).
    exclude: [...configDefaults.exclude, 'src/**/*.cluster.test.ts'],
    // The dashboard test starts a real collab-server (embedded PGlite) for its /metrics.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
