import { defineConfig } from 'vitest/config';

// Standalone tests: no model needed. Model-dependent tests (*.model.test.ts) run via vitest.model.config.ts.
export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'native/**/*.test.ts', 'models/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['**/*.model.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
