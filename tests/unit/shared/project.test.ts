import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { templatesOf, TOOL_ROOT } from '../../../src/shared/project.ts';
import { tempDir } from '../../helpers/cli.ts';

test("a project's templates/ replaces irplan's once it holds more than a README or hidden files", () => {
  const root = tempDir('irplan-project-');
  const irplans = join(TOOL_ROOT, 'templates');
  expect(templatesOf(root)).toBe(irplans);
  mkdirSync(join(root, 'templates'));
  writeFileSync(join(root, 'templates', 'README.md'), '# Templates\n');
  writeFileSync(join(root, 'templates', '.gitkeep'), '');
  // As `irplan init` writes it: the project builds with irplan's templates.
  expect(templatesOf(root)).toBe(irplans);
  mkdirSync(join(root, 'templates', 'sections'));
  expect(templatesOf(root)).toBe(join(root, 'templates'));
});
