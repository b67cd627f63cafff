import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'collab-server',
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts'],
  },
});
