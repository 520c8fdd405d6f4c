import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One temporary folder for the whole run. Vitest forks its workers after the global setup, so
// they, the irplan processes the tests start and the browsers those start all inherit TMPDIR:
// what a killed process or a test file that failed to load leaves behind is removed with it.
// Test files still remove their own folders as they end (tests/helpers/cli.ts, tempDir), so a
// folder found here at the end is a leak worth naming.

/** The environment variable that keeps the run's temporary folders for inspection. */
const KEEP = 'IRPLAN_KEEP_TEMP';

/** Points TMPDIR at a fresh folder for the run; the teardown removes it and names any leftovers. */
export default function setup() {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'irplan-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env[KEEP] === '1') {
      console.warn(`${KEEP}=1: the run's temporary folders are kept in ${root}`);
      return;
    }
    // Teardowns run in reverse order: the examples' build (listed after this file) is gone by now.
    const left = readdirSync(root);
    if (left.length > 0) console.warn(`temporary folders no test removed (removed now): ${left.join(', ')}`);
    rmSync(root, { recursive: true, force: true });
  };
}
