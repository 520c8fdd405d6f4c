import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO } from '../../helpers/bin.ts';

// The binder's order comes from each template's `order:`. The playbooks are one block of the
// binder: a playbook numbered like a section after them (the evidence log is 80) lands among the logs.

function orders(folder: string): { file: string; order: number }[] {
  const dir = join(REPO, 'templates', folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md.hbs'))
    .map((file) => ({ file, order: Number(/^order: ([\d.]+)$/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1]) }));
}

test('every playbook comes after the triage section and before the evidence log, each at its own place', () => {
  const sections = orders('sections');
  const at = (name: string) => sections.find((s) => s.file.includes(name))?.order ?? Number.NaN;
  const playbooks = orders('playbooks');
  expect(playbooks.length).toBeGreaterThan(6);
  for (const p of playbooks) {
    expect(p.order, p.file).toBeGreaterThan(at('-triage'));
    expect(p.order, p.file).toBeLessThan(at('-evidence-log'));
  }
  expect(new Set(playbooks.map((p) => p.order)).size).toBe(playbooks.length);
});
