// The benchmark runs a snapshot of irplan's committed code (git HEAD), not the working tree: others
// edit src/ and templates/ while it runs, and any edit changes every client's build key.
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL_ROOT } from '../../src/shared/project.ts';

export interface ToolSnapshot {
  root: string;
  commit: string;
  remove(): void;
}

/** Extracts HEAD's tool files under scripts/ (so node_modules still resolve upwards). */
export function snapshotTool(): ToolSnapshot {
  const root = join(TOOL_ROOT, 'scripts', `.bench-tool-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const commit = execSync('git rev-parse HEAD', { cwd: TOOL_ROOT, encoding: 'utf8' }).trim();
  execSync(`git archive HEAD src bin templates astro.config.mjs package.json package-lock.json | tar -x -C '${root}'`, {
    cwd: TOOL_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { root, commit, remove: () => rmSync(root, { recursive: true, force: true }) };
}
