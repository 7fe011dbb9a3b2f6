import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two projects so that the PostgreSQL cluster starts only when a test under test/pg/ is selected.
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: ['test/pg/**', '**/node_modules/**'] } },
      { extends: true, test: { name: 'pg', include: ['test/pg/**/*.test.ts'], globalSetup: ['test/pg/global-setup.ts'] } },
    ],
  },
});
