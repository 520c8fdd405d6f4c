import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where irplan itself is installed: its Astro project, schema and default templates. */
export const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The plan repository the user works in. */
export interface Project {
  root: string;
  plansDir: string;
  templatesDir: string;
}

/** Finds the plan repository: the nearest folder upwards that holds plans/. */
export function findProject(cwd: string): Project {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'plans'))) break;
    const up = dirname(dir);
    if (up === dir) {
      dir = resolve(cwd);
      break;
    }
    dir = up;
  }
  const own = join(dir, 'templates');
  return {
    root: dir,
    plansDir: join(dir, 'plans'),
    templatesDir: existsSync(own) ? own : join(TOOL_ROOT, 'templates'),
  };
}
