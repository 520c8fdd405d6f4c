import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { RunnerTask } from 'vitest';

export { irplan, REPO, tool } from './bin.ts';

// Folders made by tempDir in this test file. Test files are isolated, so this module runs once per
// file and the hook below sits on that file's root suite: it runs when the file ends.
const made: string[] = [];

// biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixtures from the first parameter's pattern; none are needed.
afterAll(({}, file) => {
  // Removed whatever happened: a failed run must not fill the disk. IRPLAN_KEEP_TEMP=1 keeps the
  // folders of a file with a failed test, to look at what it built.
  if (process.env.IRPLAN_KEEP_TEMP === '1' && failed(file)) {
    if (made.length > 0) console.warn(`temporary folders kept for inspection:\n${made.join('\n')}`);
    return;
  }
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function failed(task: RunnerTask): boolean {
  if (task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0) return true;
  return 'tasks' in task && task.tasks.some(failed);
}

/** A fresh temporary folder, removed when the test file ends (kept after a failure with IRPLAN_KEEP_TEMP=1). */
export function tempDir(prefix = 'irplan-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
