// The Astro project that turns one client's rendered documents into its site and print pages.
// irplan's build stage sets IRPLAN_CONTENT (the rendered documents), the output folder and base.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  srcDir: './src/site',
  publicDir: './src/site/public',
  outDir: process.env.IRPLAN_ASTRO_OUT ?? './dist/.astro-out',
  cacheDir: process.env.IRPLAN_ASTRO_CACHE ?? './node_modules/.astro',
  base: process.env.IRPLAN_BASE ?? '/',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', assets: '_assets' },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  prefetch: false,
  // Plans are read offline on intranets: nothing may be fetched from elsewhere.
  image: { remotePatterns: [], domains: [] },
  vite: { logLevel: 'warn', build: { assetsInlineLimit: 0 } },
});
