import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { irplan, tempDir } from '../helpers/cli.ts';
import { examplesProject } from '../helpers/project.ts';

// `irplan new` scaffolds a plan that teaches the format, validates and builds as it is.
test('a scaffolded plan carries the modeline, validates and builds', () => {
  // A project with the examples' defaults and branding; the new client is validated and built alone.
  const project = examplesProject('irplan-new-');
  const name = 'Acme: "Corp" # 1';
  const made = irplan(['new', 'acme-corp', '--name', name], { cwd: project });
  expect(made.code, made.stderr).toBe(0);
  const text = readFileSync(join(project, 'plans', 'acme-corp', 'plan.yaml'), 'utf8');
  // The modeline points at irplan's schema from the plan's folder, wherever irplan is.
  const ref = /^# yaml-language-server: \$schema=(.+)$/.exec(text.split('\n')[0] ?? '')?.[1] ?? '';
  expect(ref).toMatch(/src\/schema\/plan\.schema\.json$/);
  expect(existsSync(join(project, 'plans', 'acme-corp', ref))).toBe(true);
  expect(text).toMatch(/# .*quote/i);
  const valid = irplan(['validate', 'acme-corp'], { cwd: project });
  expect(valid.code, valid.stderr).toBe(0);
  const built = irplan(['build', 'acme-corp', '--no-pdf', '--out', join(project, 'dist')], { cwd: project });
  expect(built.code, built.stderr).toBe(0);
  // The name, with its colon, quotes and hash, is one plain string all the way to the page.
  expect(readFileSync(join(project, 'dist', 'acme-corp', 'site', 'index.html'), 'utf8')).toContain(
    'Acme: &quot;Corp&quot; # 1',
  );
});

test('new refuses an existing plan and a slug that is not a folder name', () => {
  const project = tempDir('irplan-new-');
  expect(irplan(['new', 'acme'], { cwd: project }).code).toBe(0);
  const again = irplan(['new', 'acme'], { cwd: project });
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/error IRP_EXISTS .*already exists/);
  const bad = irplan(['new', '../escape'], { cwd: project });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/error IRP_ARGS/);
  expect(bad.stderr).not.toMatch(/\n\s+at /);
});
