import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'whiteboard',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['**/*.browser.test.ts'],
  },
});
