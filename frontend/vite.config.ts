/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'

import vue from '@vitejs/plugin-vue'
import UnoCSS from 'unocss/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'

// `npm run dev` proxies the API, the gateway and stored files to a server started
// separately.
const server = process.env.CONCORD_DEV_SERVER ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [
    vue(),
    UnoCSS(),
    // Element Plus components and their styles are imported where templates use them.
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver()],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      // The server checks Origin on cookie endpoints; present the proxied origin.
      '/api': { target: server, changeOrigin: true, headers: { origin: server } },
      '/gateway': { target: server, ws: true, changeOrigin: true },
      '/files': { target: server, changeOrigin: true },
    },
  },
  build: {
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    restoreMocks: true,
    // Element Plus's style modules import CSS files: let Vite, not Node, load those.
    server: { deps: { inline: [/element-plus\/es\/components\/[^/]+\/style\//] } },
  },
})
