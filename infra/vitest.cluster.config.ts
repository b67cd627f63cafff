import { defineProject } from 'vitest/config';

// `npm run test:cluster`: the cluster fault test (`*.cluster.test.ts`) starts its own
// PostgreSQL, Redis, servers and workers, so it runs alone, here, never in `npm test`.
export default defineProject({
  test: {
    name: 'infra-cluster',
    include: ['src/**/*.cluster.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
