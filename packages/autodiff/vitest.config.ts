import { defineConfig } from 'vitest/config';

// Resolve workspace packages to their TypeScript sources, so tests need no build step.
const conditions = ['@hamiltonian/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  // Generous limits: CI runs every package's suite at once on two cores. Time limits are not
  // assertions here; speed is measured by the benchmarks.
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000 },
});
