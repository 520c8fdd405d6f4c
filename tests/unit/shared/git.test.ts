import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { UserError } from '../../../src/shared/errors.ts';
import { exportTree, git, gitOrFail, resolveCommit } from '../../../src/shared/git.ts';
import { tempDir } from '../../helpers/cli.ts';

const dir = tempDir('irplan-git-');

describe('the git runners', () => {
  test("git() is null outside a repository, gitOrFail() is a user error with git's message", () => {
    expect(git(dir, ['rev-parse', 'HEAD'])).toBeNull();
    const fail = () => gitOrFail(dir, ['rev-parse', 'HEAD'], 'run git init');
    expect(fail).toThrow(UserError);
    expect(fail).toThrow(/git rev-parse failed: .*not a git repository/i);
  });

  test('a commit is resolved, a ref that looks like an option is refused, a tree is exported byte for byte', () => {
    const run = (...args: string[]) =>
      gitOrFail(dir, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], '');
    run('init', '-q');
    writeFileSync(join(dir, 'a.bin'), Buffer.from([0, 255, 10, 13]));
    run('add', 'a.bin');
    run('commit', '-qm', 'one');
    const head = resolveCommit(dir, 'HEAD');
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(() => resolveCommit(dir, '--output=x')).toThrow(/is not a commit/);
    const out = tempDir('irplan-git-out-');
    expect(exportTree(dir, head, ['.'], out)).toEqual(['a.bin']);
    expect([...readFileSync(join(out, 'a.bin'))]).toEqual([0, 255, 10, 13]);
  });
});
