import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel, compilePatterns, loadTables } from '../../../src/model/index.ts';
import type { GlossaryTerm, Model } from '../../../src/model/index.ts';
import { readClients } from '../../../src/plan/index.ts';
import type { RenderedDoc } from '../../../src/render/index.ts';
import { collectTemplates, readableText, renderDocuments, usedTerms } from '../../../src/render/index.ts';
import { REPO, tempDir } from '../../helpers/cli.ts';
import { copyExamples, copyFixtureClient, EXAMPLE_CLIENTS } from '../../helpers/examples.ts';
import { TECHNICAL_WORDS } from '../../helpers/technical-words.ts';

// The glossary appendix lists the technical terms a client's plan uses, decided from its rendered
// text; the scan below finds every technical word the examples and the test clients use (words in
// capitals, and the known technical words) and fails for one that has no glossary entry.
const templatesDir = join(REPO, 'templates');
const tables = loadTables(templatesDir);
const FIXTURES = readdirSync(join(REPO, 'tests', 'fixtures', 'clients'));

const root = tempDir('irplan-glossary-');
copyExamples(root);
for (const slug of FIXTURES) copyFixtureClient(root, slug);

function renderClient(slug: string): { model: Model; docs: RenderedDoc[] } {
  const read = readClients(join(root, 'plans'), [slug]);
  const client = read.clients[0];
  if (!client) throw new Error(read.errors.map((e) => e.message).join('\n'));
  const model = buildModel(client.plan, tables, { slug, audience: 'print', buildDate: '2026-11-01', draft: false });
  return { model, docs: renderDocuments(model, collectTemplates(templatesDir, null)) };
}
const render = (slug: string) => renderClient(slug).docs;

const term = (name: string, definition: string, patterns: string[]): GlossaryTerm => ({
  term: name,
  definition,
  patterns,
});

/** The glossary appendix's terms, as printed in bold in its table. */
const listed = (docs: RenderedDoc[]) =>
  [...readableText(docs.find((d) => d.id === 'glossary')?.body ?? '').matchAll(/^\| \*\*(.+?)\*\* \|/gm)].map(
    (m) => m[1],
  );

/** Words in capitals (2 or more, a plural s allowed) and the known technical words, with where each was seen. */
function candidates(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const at = (word: string, index: number) => {
    if (!found.has(word)) found.set(word, text.slice(Math.max(0, index - 40), index + word.length + 40));
  };
  // A token keeps its inner hyphens and dots: LV-DC01, TC-2026-19 and NTUSER.DAT are identifiers.
  for (const m of text.matchAll(/[\p{L}\p{N}&][\p{L}\p{N}&._-]*/gu)) {
    const word = m[0].replace(/[._-]+$/, '');
    if (/^[A-Z]{2,}s?$/.test(word)) at(word, m.index);
  }
  for (const w of TECHNICAL_WORDS)
    for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:${w})(?![\\p{L}\\p{N}])`, 'giu')))
      at(m[0], m.index);
  return found;
}

describe('finding terms in rendered text', () => {
  test('reads what a reader sees: no code, web or e-mail addresses, tags; character references decoded', () => {
    const md =
      'Run `Get-ADUser KRBTGT` then:\n```\nSELECT * FROM WAL\n```\nSee [CISA](https://www.cisa.gov/EDR) or' +
      ' https&#8288;://example.com/MFA, mail IOC@example.com, <span class="url">x</span> TLP&#58;AMBER &amp; R&#38;D';
    const text = readableText(md);
    expect(text).toContain('TLP:AMBER & R&D');
    expect(text).toContain('See [CISA]');
    for (const gone of ['KRBTGT', 'WAL', 'EDR', 'MFA', 'IOC', 'span']) expect(text).not.toContain(gone);
  });

  test('an acronym matches in capitals only; a word whatever its case, as a whole word', () => {
    const terms = [term('WAL', 'The log.', ['WAL']), term('Hash', 'A fingerprint.', ['hash(es|ed)?'])];
    expect(usedTerms(terms, ['Each withdrawal is hashed.']).map((t) => t.term)).toEqual(['Hash']);
    expect(usedTerms(terms, ['Copy the wal files; note the HASH.']).map((t) => t.term)).toEqual(['Hash']);
    expect(usedTerms(terms, ['Copy the WAL.']).map((t) => t.term)).toEqual(['WAL']);
    expect(usedTerms(terms, ['Nothing here, not even a hashtag.'])).toEqual([]);
  });

  test('a term that a listed definition uses is listed too, in the glossary order', () => {
    const terms = [
      term('EDR', 'Software that finds malware.', ['EDR']),
      term('Malware', 'A harmful program.', ['malware']),
      term('VPN', 'A tunnel.', ['VPN']),
    ];
    expect(usedTerms(terms, ['Isolate it with the EDR.']).map((t) => t.term)).toEqual(['EDR', 'Malware']);
  });

  test('a pattern that is no regular expression is refused, naming the term', () => {
    expect(() => compilePatterns({ term: 'Broken', patterns: ['(unclosed'] })).toThrow(/"\(unclosed" of "Broken"/);
  });
});

describe('templates/data/glossary.yaml', () => {
  test('each entry has a definition or a reason it needs none, never both; no term twice', () => {
    const bad = tables.glossary.filter((e) => (e.definition === undefined) === (e.not_technical === undefined));
    expect(bad.map((e) => e.term)).toEqual([]);
    const names = tables.glossary.map((e) => e.term.toLowerCase());
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test('definitions are one or two plain sentences', () => {
    const long = tables.glossary.filter((e) => e.definition && (e.definition.match(/[.!?](\s|$)/g) ?? []).length > 2);
    expect(long.map((e) => e.term)).toEqual([]);
  });
});

describe.each([...EXAMPLE_CLIENTS, ...FIXTURES])('the rendered plan of %s', (slug) => {
  const { model, docs } = renderClient(slug);
  const others = docs.filter((d) => d.id !== 'glossary');
  const entries = tables.glossary.map((e) => ({ term: e.term, find: compilePatterns(e) }));

  test('every technical word in any of its documents has a glossary entry', () => {
    const text = docs.map((d) => readableText(d.body)).join('\n');
    const missing = [...candidates(text)]
      .filter(([word]) => !entries.some((e) => e.find.some((re) => re.test(word))))
      .map(([word, context]) => `${word}: …${context.replace(/\s+/g, ' ')}…`);
    expect(missing, 'add these to templates/data/glossary.yaml').toEqual([]);
  });

  test('its glossary appendix lists exactly the terms its other documents use, alphabetically', () => {
    const used = usedTerms(
      model.glossary,
      others.map((d) => d.body),
    ).map((t) => t.term);
    expect(listed(docs)).toEqual(used);
    expect(used.length).toBeGreaterThan(10);
    expect([...used].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))).toEqual(used);
  });
});

describe('only what the plan uses', () => {
  test('SQL Server is explained where a client runs it, and not for a client without it', () => {
    expect(listed(render('northwind-logistics'))).toContain('SQL and SQL Server');
    expect(listed(render('cedar-dental'))).not.toContain('SQL and SQL Server');
  });

  test('Northwind, with a domain controller, gets KRBTGT; Cedar Dental, cloud only, does not', () => {
    expect(listed(render('northwind-logistics'))).toContain('KRBTGT');
    expect(listed(render('cedar-dental'))).not.toContain('KRBTGT');
  });
});
