// Builds the page into the Python package, where `allegiance serve` finds it.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "../allegiance/serve/static",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npm run dev` next to `allegiance serve` on its default port.
    proxy: { "/api": "http://127.0.0.1:8765" },
  },
});
