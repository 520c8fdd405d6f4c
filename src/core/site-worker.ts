// Runs one Astro build in its own Node process (started by src/core/site.ts). Astro and Vite keep
// hundreds of megabytes after a build that the build process would otherwise hold while Chromium
// prints; a process of its own gives all of it back when it exits.
// Usage: node site-worker.ts '<json options>'; IRPLAN_CONTENT names the batch's content folder.
import { TOOL_ROOT } from './project.ts';

const opts = JSON.parse(process.argv[2] ?? '{}') as { outDir: string; cacheDir: string; base: string };
// Astro puts its prerender bundle inside outDir only when outDir is inside the working directory,
// and that bundle must resolve Astro's own packages: so it runs from the tool's folder.
process.chdir(TOOL_ROOT);
try {
  const { build } = await import('astro');
  await build({ root: TOOL_ROOT, configFile: 'astro.config.mjs', outDir: opts.outDir, cacheDir: opts.cacheDir, base: opts.base, logLevel: 'error', mode: 'production' });
  process.exit(0);
} catch (err) {
  // The first line is the message irplan shows; the rest is for IRPLAN_DEBUG=1.
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
