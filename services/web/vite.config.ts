import react from '@vitejs/plugin-react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Workspace libs are TypeScript sources (their package.json main is src/index.ts): Vite transforms them. */
const workspaceLib = (name: string) => fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));

const apiProxy = { '/api': 'http://localhost:3000' };

const ENCODINGS = [
  { extension: '.br', compress: (file: Buffer) => promisify(brotliCompress)(file, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: file.length } }) },
  { extension: '.gz', compress: (file: Buffer) => promisify(gzip)(file, { level: constants.Z_BEST_COMPRESSION }) },
];

/**
 * Writes a brotli and a gzip copy next to each built text file, once, at the best compression: the gateway sends
 * the copy the browser accepts (@fastify/static's preCompressed) instead of compressing on every request. A copy
 * that would not be smaller (a tiny file) is not written; the file itself is sent instead.
 */
function precompressed(): Plugin {
  return {
    name: 'elk-precompressed',
    apply: 'build',
    async writeBundle({ dir }, bundle) {
      const texts = Object.keys(bundle).filter((name) => /\.(js|css|html|svg|json)$/.test(name));
      await Promise.all(
        texts.map(async (name) => {
          const path = join(dir!, name);
          const file = await readFile(path);
          for (const { extension, compress } of ENCODINGS) {
            const packed = await compress(file);
            if (packed.length < file.length) await writeFile(path + extension, packed);
          }
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompressed()],
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
