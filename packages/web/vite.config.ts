import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const MANIFEST_SCRIPT = fileURLToPath(new URL('./scripts/persisted-operations.ts', import.meta.url));

/** Writes dist/persisted-operations.json (trusted documents) after each production build. */
function persistedOperations(): Plugin {
  let outDir = 'dist';
  return {
    name: 'leqi-persisted-operations',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const result = spawnSync(TSX, [MANIFEST_SCRIPT, outDir], {
        cwd: fileURLToPath(new URL('.', import.meta.url)),
        stdio: 'inherit',
      });
      if (result.status !== 0) throw new Error('writing the persisted operations manifest failed');
    },
  };
}

// The server serves dist/ at `/` and the API same-origin at `/graphql`; in dev we proxy both to it.
export default defineConfig({
  plugins: [react(), persistedOperations()],
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true, changeOrigin: true },
      '/files': { target: 'http://localhost:4000', changeOrigin: true },
      '/documents': { target: 'http://localhost:4000', changeOrigin: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
