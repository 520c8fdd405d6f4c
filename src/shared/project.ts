import { existsSync, readdirSync } from 'node:fs';
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
  return { root: dir, plansDir: join(dir, 'plans'), templatesDir: templatesOf(dir) };
}

/**
 * The templates a project at `root` builds with: its own templates/ folder, which replaces irplan's,
 * once it holds anything but a README or hidden files (`irplan init` writes it with its README alone),
 * else irplan's.
 */
export function templatesOf(root: string): string {
  const own = join(root, 'templates');
  // Hidden files (.gitkeep, .DS_Store) and the README do not make a set of templates.
  const used = existsSync(own) && readdirSync(own).some((name) => !/^(\..*|readme(\.md)?)$/i.test(name));
  return used ? own : join(TOOL_ROOT, 'templates');
}
