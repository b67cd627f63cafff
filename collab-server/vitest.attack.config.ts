import { defineConfig } from 'vitest/config';

// The attack suite (`npm run test:attack -w @motionmath/collab-server`): each issue-18
// finding replayed against a real server on port 0. Kept out of `npm test` (it measures
// latency under load, and runs after the unit tests in CI). Files run one at a time so
// their latency numbers do not measure each other.
export default defineConfig({
  test: {
    name: 'collab-server-attack',
    include: ['src/attack/**/*.attack.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
