// Runs one Astro build in its own Node process (started by src/site/astro.ts). Astro and Vite keep
// much memory after a build that the build process would otherwise hold while Chromium prints; a
// process of its own gives all of it back when it exits.
// It is started before its batch is rendered: Astro loads meanwhile, and the build starts when the
// parent sends the options ({ outDir, cacheDir, base }). IRPLAN_CONTENT names the batch's content folder.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { astroTurnPath, takeTurn } from './turn.ts';

/** irplan's own folder (src/site/ is two below it); the worker imports only turn.ts of irplan's, so it starts fast. */
const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Options {
  outDir: string;
  cacheDir: string;
  base: string;
}

// Astro puts its prerender bundle inside outDir only when outDir is inside the working directory,
// and that bundle must resolve Astro's own packages: so it runs from the tool's folder.
process.chdir(TOOL_ROOT);
/** Ends this run's turn at Astro (turn.ts); set once the turn is taken. */
let endTurn = () => {};
// A worker whose build process has gone (killed, crashed) has nothing to build for.
process.on('disconnect', () => {
  endTurn();
  process.exit(1);
});
const astro = import('astro');
astro.catch(() => undefined); // reported when the build is asked for

process.once('message', (opts: Options) => void run(opts));

async function run(opts: Options): Promise<void> {
  try {
    const { build } = await astro;
    // Every build with this install shares .astro/ in TOOL_ROOT, so Astro runs take turns; the
    // parent says so in its progress when this one waits: it must not look stuck.
    endTurn = await takeTurn(astroTurnPath(TOOL_ROOT), { waiting: (pid) => process.send?.({ waiting: pid }) });
    await build({
      root: TOOL_ROOT,
      configFile: 'astro.config.mjs',
      outDir: opts.outDir,
      cacheDir: opts.cacheDir,
      base: opts.base,
      logLevel: 'error',
      mode: 'production',
    });
    endTurn();
    process.exit(0);
  } catch (err) {
    endTurn();
    // The first line is the message irplan shows; the rest is for IRPLAN_DEBUG=1.
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
}
