import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { irplan, REPO, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../helpers/examples.ts';
import { telLinks, visibleText } from '../helpers/html.ts';

// Issue 19, second round, read as a responder reads the outputs: numbers that cannot be dialled from abroad
// (au-firm, printed, with an insurer whose claims line is a 1300 number), the police of the client's own
// region (uk-firm moved to Scotland), and a client without insurance whose rule tables are key/value tables
// (tx-dental). Only au-firm is printed: its wallet card is a PDF.
const SCOTLAND = 'uk-firm-sct';
let out = '';
let sites: ReturnType<typeof irplan>;
let printed: ReturnType<typeof irplan>;

/** Sets `path` in a client's plan.yaml, keeping its comments. */
function setIn(root: string, slug: string, path: string[], value: unknown): void {
  const file = join(root, 'plans', slug, 'plan.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(path, doc.createNode(value));
  writeFileSync(file, doc.toString());
}

beforeAll(() => {
  const root = tempDir('irplan-authorities-');
  copyExamples(root);
  for (const slug of ['au-firm', 'tx-dental']) copyFixtureClient(root, slug);
  cpSync(join(REPO, 'tests', 'fixtures', 'clients', 'uk-firm'), join(root, 'plans', SCOTLAND), { recursive: true });
  setIn(root, SCOTLAND, ['client', 'region'], 'GB-SCT');
  setIn(root, 'au-firm', ['insurance'], {
    carrier: 'Banksia Mutual',
    policy_number: 'BM-1',
    claims_hotline: '1300 123 456',
    notice_within_hours: 72,
  });
  out = join(root, 'dist');
  sites = irplan(['build', 'tx-dental', SCOTLAND, '--no-pdf', '--out', out], { cwd: root });
  printed = irplan(['build', 'au-firm', '--out', out], { cwd: root });
});

const html = (slug: string, page: string) => readFileSync(join(out, slug, 'site', page, 'index.html'), 'utf8');
const text = (slug: string, page: string) => visibleText(html(slug, page));

test('the three clients build', () => {
  for (const r of [sites, printed]) {
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  }
});

describe('numbers that cannot be dialled from abroad (au-firm)', () => {
  const slug = 'au-firm';

  test("the OAIC's and ASD's 1300 lines and the insurer's link as national digits with +61 as their context", () => {
    const tels = telLinks(html(slug, 'contacts'));
    expect(tels).toContain('tel:1300363992;phone-context=+61');
    expect(tels).toContain('tel:1300292371;phone-context=+61');
    expect(telLinks(html(slug, 'severity'))).toContain('tel:1300123456;phone-context=+61');
    expect(telLinks(html(slug, 'regulatory'))).toContain('tel:1300363992;phone-context=+61');
    // Mobiles and landlines keep their E.164 links.
    expect(tels).toContain('tel:+61412345678');
    for (const page of ['contacts', 'severity', 'regulatory', 'contact-checklist'])
      expect(telLinks(html(slug, page)).filter((t) => /^tel:\+61(1[38]00|13)/.test(t))).toEqual([]);
  });

  test('they print in national form on the site, the vCards and the wallet card', () => {
    const contacts = text(slug, 'contacts');
    expect(contacts).toContain('1300 363 992');
    expect(contacts).not.toContain('+61 1300');
    expect(readFileSync(join(out, slug, 'site', 'vcard', 'au-oaic.vcf'), 'utf8')).toContain(
      'TEL;TYPE=VOICE:1300363992',
    );
    const wallet = JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8')).outputs.walletCard as string;
    const card = tool('pdftotext', ['-layout', join(out, slug, wallet), '-']);
    expect(card).toContain('1300 123 456');
    expect(card).not.toContain('+61 1300');
  });
});

describe('a firm in Scotland (uk-firm with region GB-SCT)', () => {
  test('reports to Police Scotland, not Report Fraud, on the contacts page and in the ransomware playbook', () => {
    const page = html(SCOTLAND, 'contacts');
    expect(visibleText(page)).toContain('Police Scotland');
    // Police Scotland's note names Report Fraud ("not Report Fraud"); its entry and number are gone.
    expect(visibleText(page)).not.toContain('City of London Police');
    expect(telLinks(page)).not.toContain('tel:+443001232040');
    const playbook = text(SCOTLAND, 'playbook-ransomware');
    expect(playbook).toContain('Report the extortion to law enforcement (Police Scotland');
    expect(text(SCOTLAND, 'contact-checklist')).toContain('Law enforcement: Police Scotland');
  });
});

describe('a practice without insurance, with key/value rule tables (tx-dental)', () => {
  const slug = 'tx-dental';

  test('its rule tables have no empty header row; tables with headings keep theirs', () => {
    const page = html(slug, 'regulatory');
    expect(page).toContain('Applies because');
    expect(page).not.toMatch(/<thead>\s*<tr>(\s*<th[^>]*><\/th>)+\s*<\/tr>\s*<\/thead>/);
    expect(html(slug, 'contacts')).toMatch(/<thead>\s*<tr>\s*<th>Name<\/th>/);
  });

  test('no sentence has law enforcement wait for an insurer it does not have', () => {
    for (const page of ['communications', 'contact-checklist', 'playbook-ransomware'])
      expect(text(slug, page), page).not.toMatch(/and the insurer agree/);
    expect(text(slug, 'communications')).toContain('For extortion, fraud or theft, after legal counsel agrees.');
  });
});
