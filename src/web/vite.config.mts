import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The staff web UI: built into dist/client (never into src/web), served by Nest (src/modules/web). */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: here('./auto-imports.d.ts') }),
    Components({ resolvers: [ElementPlusResolver()], dts: here('./components.d.ts'), dirs: [] }),
  ],
  server: { fs: { allow: [here('../..')] }, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: here('../../dist/client'),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
  },
});
