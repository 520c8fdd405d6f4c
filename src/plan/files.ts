import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closest, UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';

/** Plans are small; a larger file is refused before the parser sees it. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Lists client slugs: every folder under plans/ holding a plan.yaml. */
export function listClients(plansDir: string): string[] {
  if (!existsSync(plansDir)) return [];
  return readdirSync(plansDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(plansDir, d.name, 'plan.yaml')))
    .map((d) => d.name)
    .sort();
}

/** Checks that a slug is a plain folder name inside plans/, never a path out of it. */
export function checkSlug(plansDir: string, slug: string): UserError | undefined {
  const where: Position = { file: join(plansDir, slug), line: 1, col: 1 };
  if (!SLUG.test(slug)) {
    // The name came from the command line; joining it to plans/ could point anywhere, so name plans/.
    return new UserError('IRP_SLUG', `"${slug}" is not a valid client name`, {
      position: { file: plansDir, line: 1, col: 1 },
      hint: 'use lower-case letters, digits and dashes, like "northwind-logistics"',
    });
  }
  const dir = join(plansDir, slug);
  if (!existsSync(join(dir, 'plan.yaml'))) {
    // A name one or two letters off an existing client is a typo, not a client to create.
    const guess = closest(slug, listClients(plansDir));
    return new UserError('IRP_NO_CLIENT', `no plan for client "${slug}"`, {
      position: where,
      hint: guess ? `did you mean ${guess}?` : `create it with: npx irplan new ${slug}`,
    });
  }
  if (lstatSync(dir).isSymbolicLink()) {
    return new UserError('IRP_SYMLINK', `plans/${slug} is a symbolic link`, {
      position: where,
      hint: 'keep plan folders inside the repository as real folders',
    });
  }
  return undefined;
}

/** A client folder's plan files: plan.yaml first, then sibling YAML files in name order. */
export function clientFiles(dir: string): string[] {
  const names = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && n !== 'plan.yaml')
    .sort();
  return ['plan.yaml', ...names].map((n) => join(dir, n));
}

/** Reads a plan file as text, refusing links, non-files, oversized, binary and non-UTF-8 files. */
export function readPlanText(file: string): string {
  const pos: Position = { file, line: 1, col: 1 };
  const stat = lstatSync(file);
  if (stat.isSymbolicLink())
    throw new UserError('IRP_SYMLINK', 'the plan file is a symbolic link', {
      position: pos,
      hint: 'keep plan files inside the repository as real files',
    });
  // A folder or a named pipe called plan.yaml would crash or block the read.
  if (!stat.isFile())
    throw new UserError('IRP_NOT_FILE', 'this is not a regular file', {
      position: pos,
      hint: 'plan files are plain YAML text files',
    });
  if (stat.size > MAX_FILE_BYTES) {
    throw new UserError(
      'IRP_FILE_TOO_LARGE',
      `the file is ${stat.size} bytes, over the ${MAX_FILE_BYTES} byte limit for a plan file`,
      { position: pos, hint: 'split large sections into sibling files in the client folder' },
    );
  }
  const bytes = readFileSync(file);
  if (bytes.includes(0))
    throw new UserError('IRP_BINARY', 'the file is binary, not YAML text', {
      position: pos,
      hint: 'save the plan as UTF-8 text',
    });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new UserError('IRP_ENCODING', 'the file is not valid UTF-8', {
      position: pos,
      hint: 'save the plan as UTF-8 text',
      cause,
    });
  }
}
