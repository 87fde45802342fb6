import { defineConfig } from 'vitest/config';

// Tests that load a GGUF (the generated tiny model, or a real one when cached). Kept apart like node-llama-cpp's test split.
export default defineConfig({
  test: {
    include: ['**/*.model.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
  },
});
