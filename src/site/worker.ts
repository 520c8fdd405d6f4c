// Runs one Astro build in its own Node process (started by src/site/astro.ts). Astro and Vite keep
// much memory after a build that the build process would otherwise hold while Chromium prints; a
// process of its own gives all of it back when it exits.
// It is started before its batch is rendered: Astro loads meanwhile, and the build starts when the
// parent sends the options ({ outDir, cacheDir, base }). IRPLAN_CONTENT names the batch's content folder.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** irplan's own folder (src/site/ is two below it); the worker imports nothing of irplan's, so it starts fast. */
const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Options {
  outDir: string;
  cacheDir: string;
  base: string;
}

// Astro puts its prerender bundle inside outDir only when outDir is inside the working directory,
// and that bundle must resolve Astro's own packages: so it runs from the tool's folder.
process.chdir(TOOL_ROOT);
// A worker whose build process has gone (killed, crashed) has nothing to build for.
process.on('disconnect', () => process.exit(1));
const astro = import('astro');
astro.catch(() => undefined); // reported when the build is asked for

process.once('message', (opts: Options) => void run(opts));

async function run(opts: Options): Promise<void> {
  try {
    const { build } = await astro;
    await build({
      root: TOOL_ROOT,
      configFile: 'astro.config.mjs',
      outDir: opts.outDir,
      cacheDir: opts.cacheDir,
      base: opts.base,
      logLevel: 'error',
      mode: 'production',
    });
    process.exit(0);
  } catch (err) {
    // The first line is the message irplan shows; the rest is for IRPLAN_DEBUG=1.
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
}
