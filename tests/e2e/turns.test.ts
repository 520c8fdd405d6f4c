import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { astroTurnPath, takeTurn } from '../../src/site/turn.ts';
import { REPO, tempDir } from '../helpers/cli.ts';
import { examplesProject } from '../helpers/project.ts';

// Two builds with one irplan install take turns at Astro, whose .astro/ folder in the tool they
// share (src/site/turn.ts). This test holds the turn itself, as another build would.
const root = examplesProject('irplan-turns-');
const out = tempDir('irplan-turns-out-');
const slug = 'cedar-dental';

test('a build waits while another holds the turn at Astro, says whom it waits for, then builds', async () => {
  const endTurn = await takeTurn(astroTurnPath(REPO));
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin', 'irplan.mjs'), 'build', slug, '--no-pdf', '--no-docx', '--out', out],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
  );
  let stderr = '';
  const note = `${slug}: waiting for another irplan build (process ${process.pid}) to finish its site stage`;
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  let saw = false;
  try {
    saw = await new Promise<boolean>((resolve) => {
      const give = setTimeout(() => resolve(false), 90_000);
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (stderr.includes(note)) {
          clearTimeout(give);
          resolve(true);
        }
      });
      child.on('close', () => resolve(stderr.includes(note)));
    });
    expect(saw, stderr).toBe(true);
    // Still waiting: nothing of the client's is in the output yet.
    await new Promise((r) => setTimeout(r, 500));
    expect(child.exitCode).toBeNull();
    expect(existsSync(join(out, slug))).toBe(false);
  } finally {
    endTurn();
    if (!saw) child.kill(); // it never said it waits: the turn is not what this build obeys
  }
  expect(await closed, stderr).toBe(0);
  expect(existsSync(join(out, slug, 'site', 'index.html'))).toBe(true);
});
