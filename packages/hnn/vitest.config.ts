import { defineConfig } from 'vitest/config';

// Resolve workspace packages to their TypeScript sources, so tests need no build step.
const conditions = ['@hamiltonian/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { include: ['test/**/*.test.ts'] },
});
