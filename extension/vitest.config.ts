import { defineProject } from 'vitest/config';

// Unit tests (Node). Browser tests (`test/*.browser.test.ts`) run from the root
// vitest.browser.config.ts.
export default defineProject({
  test: {
    name: 'extension',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
  },
});
