import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Workspace libs are TypeScript sources (their package.json main is src/index.ts): Vite transforms them. */
const workspaceLib = (name: string) => fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));

const apiProxy = { '/api': 'http://localhost:3000' };

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@elk/contracts': workspaceLib('contracts'),
      '@elk/auth': workspaceLib('auth'),
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: { outDir: 'dist', emptyOutDir: true },
});
