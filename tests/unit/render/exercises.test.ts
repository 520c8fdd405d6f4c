import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// The tabletop kit has a scenario for each incident type the client gets a playbook for: the six
// types every client gets, and the others only where the client's data calls for them.
const tables = loadTables(join(REPO, 'templates'));
const templates = collectTemplates(join(REPO, 'templates'), null);
const opts = { audience: 'print' as const, buildDate: '2026-11-01', draft: false };

function kit(slug: string): { headings: string[]; playbooks: string[] } {
  const model = buildModel(readFixturePlan(slug), tables, { ...opts, slug });
  const docs = renderDocuments(model, templates);
  const body = docs.find((d) => d.id === 'exercises')?.body ?? '';
  const headings = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '');
  return { headings, playbooks: model.playbooks.map((p) => p.label) };
}

describe('the tabletop exercise kit', () => {
  test.each(['all-playbooks', 'saas-only'])('%s: one scenario per incident type it gets, and none other', (slug) => {
    const { headings, playbooks } = kit(slug);
    const scenarios = headings.filter((h) => h !== 'Exercise record');
    expect(scenarios.length).toBe(playbooks.length);
    for (const label of playbooks)
      expect(
        scenarios.some((h) => h.toLowerCase().startsWith(label.toLowerCase().slice(0, 12))),
        label,
      ).toBe(true);
  });
});
