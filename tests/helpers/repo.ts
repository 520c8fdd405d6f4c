import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, tempDir } from './cli.ts';
import { copyExamples } from './examples.ts';

/** A real git repository in a temporary folder holding a copy of the shipped examples, removed when the test file ends. */
export interface PlanRepo {
  dir: string;
  git(args: string[]): string;
  /** Rewrites a file in the repository; `change` must change it, so a test never edits nothing. */
  edit(path: string, change: (text: string) => string): void;
  commit(message: string): void;
}

/** Creates the repository with one commit of the examples' plans/ (and irplan's templates/ when asked). */
export function planRepo(opts: { templates?: boolean } = {}): PlanRepo {
  const dir = tempDir('irplan-repo-');
  copyExamples(dir);
  if (opts.templates) cpSync(join(REPO, 'templates'), join(dir, 'templates'), { recursive: true });
  const git = (args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' },
    }).trim();
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Test Consultant']);
  git(['config', 'user.email', 'consultant@example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  git(['config', 'tag.gpgsign', 'false']);
  git(['add', '.']);
  git(['commit', '-q', '-m', 'plans as shipped']);
  const edit = (path: string, change: (text: string) => string) => {
    const before = readFileSync(join(dir, path), 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${path} changed nothing`);
    writeFileSync(join(dir, path), after);
  };
  return {
    dir,
    git,
    edit,
    commit: (message) => {
      git(['commit', '-q', '-a', '-m', message]);
    },
  };
}

/** Lines that add a critical asset to the Northwind example, inserted before its data flows. */
export const NEW_ASSET = `  - id: nas02
    name: File server NAS02
    kind: data-store
    os: linux
    services: [file]
    criticality: critical
    owner: dev-patel
    rto_hours: 8
data_flows:
`;
