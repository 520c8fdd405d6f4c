import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { localeChain, UserError } from '../shared/index.ts';

/** Where a locale's own templates live: templates/locales/<locale>/<the default's relative path>. */
const LOCALES = 'locales';

/**
 * Lists templates by relative path. A locale's translation replaces the default by the same path
 * (the language's, then the exact locale's: en-GB over en over the default), and a client's own
 * templates/ folder overrides them all.
 */
export function collectTemplates(
  templatesDir: string,
  overrideDir: string | null,
  locale = 'en-US',
): Map<string, string> {
  const out = new Map<string, string>();
  const translated = [...localeChain(locale)].reverse().map((tag) => join(templatesDir, LOCALES, tag));
  const roots = [
    [templatesDir, false],
    ...translated.map((dir) => [dir, false] as const),
    [overrideDir, true],
  ] as const;
  for (const [root, isOverride] of roots) {
    if (!root || !existsSync(root)) continue;
    if (isOverride) checkInside(root, '');
    for (const rel of walk(root, root, isOverride)) {
      // The translations are not templates of the default set.
      if (root === templatesDir && rel.startsWith(`${LOCALES}/`)) continue;
      if (isOverride) checkInside(root, rel);
      out.set(rel, join(root, rel));
    }
  }
  return out;
}

/** Template paths under `dir`; in a client's folder a symbolic link is listed so it gets refused. */
function walk(root: string, dir: string, listLinks: boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    const rel = relative(root, full).split(sep).join('/');
    if (listLinks && d.isSymbolicLink()) return [rel];
    if (d.isDirectory()) return walk(root, full, listLinks);
    return d.name.endsWith('.hbs') ? [rel] : [];
  });
}

/** An override must be a real file inside the client's folder, never a link out of it. */
function checkInside(root: string, rel: string): void {
  const full = rel === '' ? root : join(root, rel);
  // lstat before realpath: a dangling link must be reported, not crash realpath.
  const outside =
    lstatSync(full).isSymbolicLink() || !realpathSync(full).startsWith(realpathSync(root) + (rel === '' ? '' : sep));
  if (outside) {
    const name = rel === '' ? 'templates folder' : `template override ${rel}`;
    throw new UserError('IRP_TEMPLATE_PATH', `the ${name} is a link that points outside the client folder`, {
      position: { file: full, line: 1, col: 1 },
      hint: 'copy the template into the client folder instead of linking to it',
    });
  }
}
