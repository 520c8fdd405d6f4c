import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel, loadTables } from '../../../src/model/index.ts';
import type { Model } from '../../../src/model/index.ts';
import { pdfDocuments } from '../../../src/pdf/documents.ts';
import { readClients } from '../../../src/plan/index.ts';
import type { Plan } from '../../../src/plan/index.ts';
import { collectTemplates, renderDocuments } from '../../../src/render/index.ts';
import { englishMessages } from '../../../src/render/messages.ts';
import { HELPER_NAMES } from '../../../src/render/helpers.ts';
import { UserError } from '../../../src/shared/index.ts';
import { REPO } from '../../helpers/bin.ts';
import { tempDir } from '../../helpers/cli.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';
import { examplePlans } from '../../helpers/project.ts';

// docs/templates.md is what a template author reads: it must list every helper and every field of
// the model, its sample error must be the one irplan gives, and its checklist steps must work.
const DOC = readFileSync(join(REPO, 'docs', 'templates.md'), 'utf8');
const tables = loadTables(join(REPO, 'templates'));
const opts = { audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const model = (slug: string, plan: Plan, t = tables): Model => buildModel(plan, t, { ...opts, slug });
/** The Northwind example as a build reads it (merged over the examples' defaults). */
const northwind = (): Model => {
  const client = readClients(examplePlans(), ['northwind-logistics']).clients[0];
  if (!client) throw new Error('the Northwind example does not validate');
  return model(client.slug, client.plan);
};

/** The doc's example files: the fenced block after each `<!-- example: <path> -->` line. */
function examples(): Map<string, string> {
  const found = [...DOC.matchAll(/<!-- example: (\S+)[^>]*-->\n```\w+\n([\s\S]*?)```\n/g)];
  return new Map(found.map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** Mappings whose keys are data (role ids, scopes, ...), not field names: their values are walked. */
const DATA_KEYED = new Set([
  'who',
  'person',
  'scope',
  'has',
  'exposed',
  'sheets',
  'byIncident',
  'dataLabels',
  'authorityGroups',
  'product',
  'watch',
]);

/** Every field name in a model, at any depth. */
function fieldNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) fieldNames(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      into.add(key);
      if (DATA_KEYED.has(key) && v !== null && typeof v === 'object' && !Array.isArray(v))
        for (const inner of Object.values(v)) fieldNames(inner, into);
      else fieldNames(v, into);
    }
  }
  return into;
}

describe('docs/templates.md cannot go stale', () => {
  test('lists every helper irplan registers, with an example', () => {
    const listed = [...DOC.matchAll(/^\| `([a-z]+)` \| [^|]+ \| `[^`]*\{\{[^`]*\b\1\b[^`]*` \|/gm)].map((m) => m[1]);
    expect(HELPER_NAMES.filter((h) => !listed.includes(h))).toEqual([]);
    expect(listed.filter((h) => h !== undefined && !HELPER_NAMES.includes(h))).toEqual([]);
  });

  test('lists every field of the model', () => {
    const models = [
      northwind(),
      ...['consent-clinic', 'findable-stale', 'linux-estate', 'saas-only', 'uk-firm'].map((s) =>
        model(s, readFixturePlan(s)),
      ),
    ];
    const names = new Set(models.flatMap((m) => [...fieldNames(m)]));
    expect(names.size).toBeGreaterThan(150);
    expect([...names].filter((n) => !DOC.includes(`\`${n}\``)).sort()).toEqual([]);
  });

  test('the sample error is the one irplan gives for that call, hint included', () => {
    const sample = /```text\n\S+ error IRP_TEMPLATE (.+)\n {2}hint: (.+)\n```/.exec(DOC);
    expect(sample).not.toBeNull();
    const call = /^(\{\{[^}]+\}\})/.exec(sample?.[1] ?? '')?.[1] ?? '';
    const dir = tempDir('irplan-doc-');
    mkdirSync(join(dir, 'sections'));
    writeFileSync(join(dir, 'sections', 'a.md.hbs'), `---\nid: a\ntitle: A\norder: 1\nkind: section\n---\n${call}\n`);
    let error: unknown;
    try {
      renderDocuments(northwind(), collectTemplates(dir, null));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(sample?.[1]);
    expect((error as UserError).hint).toBe(sample?.[2]);
  });

  test('the "add a checklist" steps give every client the checklist, in the binder and as its own PDF', () => {
    const files = examples();
    const data = files.get('data/response-checklists.yaml');
    const sheet = files.get('checklists/lost-device-report.md.hbs');
    expect(data).toBeDefined();
    expect(sheet).toBeDefined();
    const templates = tempDir('irplan-doc-templates-');
    cpSync(join(REPO, 'templates'), templates, { recursive: true });
    appendFileSync(join(templates, 'data', 'response-checklists.yaml'), data ?? '');
    mkdirSync(dirname(join(templates, 'checklists', 'lost-device-report.md.hbs')), { recursive: true });
    writeFileSync(join(templates, 'checklists', 'lost-device-report.md.hbs'), sheet ?? '');
    const m = model('consent-clinic', readFixturePlan('consent-clinic'), loadTables(templates));
    const docs = renderDocuments(m, collectTemplates(templates, null));
    const doc = docs.find((d) => d.checklist === 'lost-device-report');
    expect(doc?.binder).toBe(true);
    expect(doc?.body).toContain('# Lost or stolen device report');
    const pdfs = pdfDocuments(m, docs, englishMessages()).map((p) => p.file);
    expect(pdfs).toContain('consent-clinic-lost-device-report.pdf');
  });
});
