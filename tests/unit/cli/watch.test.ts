import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { watchPaths } from '../../../src/cli/watch.ts';
import { tempDir } from '../../helpers/cli.ts';

/** Resolves once `count` reports a change after `act`, or fails after a while. */
async function changes(count: () => number, act: () => void): Promise<void> {
  const before = count();
  act();
  for (let i = 0; i < 50 && count() === before; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(count(), 'a change was seen').toBeGreaterThan(before);
}

test('every save is seen: in place, by replacing the file, and in a folder made after the watch began', async () => {
  const root = tempDir('irplan-watch-');
  const client = join(root, 'plans', 'acme');
  mkdirSync(client, { recursive: true });
  const plan = join(client, 'plan.yaml');
  writeFileSync(plan, 'a: 1\n');
  writeFileSync(join(root, 'plans', 'defaults.yaml'), 'b: 1\n');
  let seen = 0;
  const gone: string[] = [];
  const watching = watchPaths(
    [client, join(root, 'plans', 'defaults.yaml'), join(root, 'missing')],
    () => seen++,
    (path) => gone.push(path),
  );
  try {
    await changes(
      () => seen,
      () => writeFileSync(plan, 'a: 2\n'),
    );
    // An editor's atomic save; Node's recursive watch on Linux misses every in-place write after it.
    await changes(
      () => seen,
      () => {
        writeFileSync(`${plan}.tmp`, 'a: 3\n');
        renameSync(`${plan}.tmp`, plan);
      },
    );
    await changes(
      () => seen,
      () => writeFileSync(plan, 'a: 4\n'),
    );
    await changes(
      () => seen,
      () => writeFileSync(join(root, 'plans', 'defaults.yaml'), 'b: 2\n'),
    );
    await changes(
      () => seen,
      () => mkdirSync(join(client, 'templates')),
    );
    await changes(
      () => seen,
      () => writeFileSync(join(client, 'templates', 'x.md.hbs'), 'x'),
    );
    // A file beside defaults.yaml is not an input.
    const now = seen;
    writeFileSync(join(root, 'plans', 'notes.txt'), 'n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toBe(now);
    expect(gone).toEqual([]);
  } finally {
    watching.close();
  }
});
