import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { irplan, REPO, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../helpers/examples.ts';
import { sectionsOf, telLinks, visibleText } from '../helpers/html.ts';

// Issue 19, "Must show": four clients in four jurisdictions (tests/fixtures/clients/tx-dental, uk-firm,
// au-firm, qc-firm), none listing regulations, built once and read as a responder reads them: the rules
// derived for each, their deadlines and authorities, the call lists and the tel: links. Only the Australian
// binder is printed (its paper size is read from the PDF); the others are read from their site pages, which
// render the same sections.
const PRINTED = 'au-firm';
const SITE_ONLY = ['tx-dental', 'uk-firm', 'qc-firm'];
let out = '';
let sites: ReturnType<typeof irplan>;
let printed: ReturnType<typeof irplan>;

beforeAll(() => {
  const root = tempDir('irplan-jurisdictions-');
  copyExamples(root);
  for (const slug of [...SITE_ONLY, PRINTED]) copyFixtureClient(root, slug);
  out = join(root, 'dist');
  sites = irplan(['build', ...SITE_ONLY, '--no-pdf', '--out', out], { cwd: root });
  printed = irplan(['build', PRINTED, '--out', out], { cwd: root });
});

/** The built site page `page` of `slug`, as HTML. */
const html = (slug: string, page: string) => readFileSync(join(out, slug, 'site', page, 'index.html'), 'utf8');
const text = (slug: string, page: string) => visibleText(html(slug, page));
/** One rule's section of the regulatory page, found by its heading. */
const rule = (slug: string, id: string) => {
  const hit = sectionsOf(html(slug, 'regulatory')).find((s) => s.heading === label(id));
  if (!hit) throw new Error(`${slug}: no section "${label(id)}" (${id}) on the regulatory page`);
  return hit.text;
};
/** The headings of the regulatory page that name rules (the closing sections left out). */
const ruleHeadings = (slug: string) =>
  sectionsOf(html(slug, 'regulatory'))
    .map((s) => s.heading)
    .filter((h) => !['Other notices to check', 'Rules that do not apply'].includes(h));

// The shipped jurisdiction data, read for the labels and names the binder prints, so a reworded label does not
// break the test while a rule that goes missing (or appears where it should not) does.
interface Rule {
  id: string;
  label: string;
  deadline_hours?: number | null;
}
interface Authority {
  id: string;
  name: string;
}
interface Place {
  rules?: Rule[];
  authorities?: Authority[];
}
interface JurisdictionFile extends Place {
  regions?: Place[];
}
const readData = (cc: string): JurisdictionFile =>
  parse(readFileSync(join(REPO, 'templates', 'data', 'jurisdictions', `${cc}.yaml`), 'utf8'));
const places = (f: JurisdictionFile): Place[] => [f, ...(f.regions ?? [])];
const DATA = Object.fromEntries(['us', 'gb', 'au', 'ca'].map((cc) => [cc, readData(cc)]));
const rulesOf = (cc: string) => places(DATA[cc] as JurisdictionFile).flatMap((p) => p.rules ?? []);
const authoritiesOf = (cc: string) => places(DATA[cc] as JurisdictionFile).flatMap((p) => p.authorities ?? []);
const find = <T extends { id: string }>(list: T[], id: string): T => {
  const hit = list.find((x) => x.id === id);
  if (!hit) throw new Error(`no ${id} in the jurisdiction data`);
  return hit;
};
const ALL_RULES = () => ['us', 'gb', 'au', 'ca'].flatMap(rulesOf);
const label = (id: string) => find(ALL_RULES(), id).label;
const authority = (id: string) => find(['us', 'gb', 'au', 'ca'].flatMap(authoritiesOf), id).name;

/** Neither a US rule nor a US authority prints for a client outside the US. */
function expectNothingAmerican(slug: string): void {
  const page = text(slug, 'regulatory');
  for (const r of rulesOf('us')) expect(page, r.id).not.toContain(r.label);
  expect(page).not.toMatch(/HIPAA|Attorney General/);
  const contacts = text(slug, 'contacts');
  for (const a of authoritiesOf('us')) expect(contacts, a.id).not.toContain(a.name);
}

test('all four clients build', () => {
  for (const r of [sites, printed]) {
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  }
});

describe('a Texas dental practice (US-TX)', () => {
  const slug = 'tx-dental';

  test('HIPAA, the Texas breach law and the Attorney General report are derived, and nothing else', () => {
    expect(ruleHeadings(slug)).toEqual([label('hipaa'), label('us-tx-breach'), label('us-tx-breach-ag')]);
  });

  test("Texas's own days: 60 for people, 30 for the Attorney General at 250 or more Texans", () => {
    expect(find(rulesOf('us'), 'us-tx-breach').deadline_hours).toBe(1440);
    expect(find(rulesOf('us'), 'us-tx-breach-ag').deadline_hours).toBe(720);
    const people = rule(slug, 'us-tx-breach');
    expect(people).toContain('no later than the 60th day');
    expect(people).toContain('due on day 61 at 09:00, in America/Chicago time');
    const ag = rule(slug, 'us-tx-breach-ag');
    expect(ag).toContain('no later than the 30th day');
    expect(ag).toContain('due on day 31 at 09:00');
    expect(ag).toContain('250 Texas residents');
    expect(ag).toContain(authority('us-tx-ag'));
    expect(ag).toContain('texasattorneygeneral.gov');
  });

  test('HIPAA names HHS and its four-factor risk assessment', () => {
    const hipaa = rule(slug, 'hipaa');
    expect(hipaa).toContain(authority('us-hhs-ocr'));
    expect(hipaa).toContain('four factors');
  });

  test('the FBI, CISA, OFAC and the Texas Attorney General are on the contacts page; OFAC on the call list', () => {
    const contacts = text(slug, 'contacts');
    for (const id of ['us-fbi', 'us-cisa', 'us-ofac', 'us-tx-ag']) expect(contacts, id).toContain(authority(id));
    expect(text(slug, 'contact-checklist')).toContain(`Sanctions authority: ${authority('us-ofac')}`);
    expect(telLinks(html(slug, 'contacts'))).toContain('tel:+18005406322');
  });

  test('its numbers, written in US national format, dial as +1', () => {
    expect(text(slug, 'contacts')).toContain('512 555 0141');
    expect(telLinks(html(slug, 'contacts'))).toContain('tel:+15125550141');
  });

  test('no UK, Australian or Canadian rule prints', () => {
    const page = text(slug, 'regulatory');
    for (const r of ['gb', 'au', 'ca'].flatMap(rulesOf)) expect(page, r.id).not.toContain(r.label);
    expect(page).not.toMatch(/GDPR|Information Commissioner/);
  });

  test('dates are written for en-US', () => {
    expect(text(slug, 'document-control')).toContain('October 1, 2026');
  });
});

describe('a London accountancy firm (GB)', () => {
  const slug = 'uk-firm';

  test('UK GDPR is derived, with the ICO, 72 hours and the breach register', () => {
    expect(ruleHeadings(slug)).toEqual([label('uk-gdpr')]);
    const gdpr = rule(slug, 'uk-gdpr');
    expect(gdpr).toContain("Information Commissioner's Office (ICO)");
    expect(gdpr).toContain('within 72 hours');
    expect(gdpr).toContain('clock starts Monday 09:00, due Thursday 09:00, in Europe/London time');
    expect(gdpr).toContain('Art. 33(5)');
    expect(telLinks(html(slug, 'regulatory'))).toContain('tel:+443031231113');
  });

  test('Report Fraud (formerly Action Fraud), the NCSC and OFSI are on the contacts page; OFSI on the call list', () => {
    const contacts = text(slug, 'contacts');
    for (const id of ['gb-ico', 'gb-report-fraud', 'gb-ncsc', 'gb-ofsi']) expect(contacts, id).toContain(authority(id));
    expect(contacts).toContain('Action Fraud');
    expect(text(slug, 'contact-checklist')).toContain(`Sanctions authority: ${authority('gb-ofsi')}`);
  });

  test('numbers in UK national format print as written and dial as +44', () => {
    const contacts = text(slug, 'contacts');
    expect(contacts).toContain('020 7946 0000');
    expect(contacts).toContain('0161 496 0001');
    const tels = telLinks(html(slug, 'contacts'));
    expect(tels).toContain('tel:+442079460000');
    expect(tels).toContain('tel:+441614960001');
  });

  test('no US rule or US authority prints', () => expectNothingAmerican(slug));

  test('dates are written for en-GB', () => {
    const page = text(slug, 'document-control');
    expect(page).toContain('1 October 2026');
    expect(page).not.toContain('October 1, 2026');
  });
});

describe('a Sydney firm that lists no regulations and writes national numbers (AU-NSW)', () => {
  const slug = 'au-firm';

  test('the Notifiable Data Breaches scheme and the ransomware payment report are derived', () => {
    expect(ruleHeadings(slug)).toEqual([label('au-ndb'), label('au-ransomware-payment')]);
    const ndb = rule(slug, 'au-ndb');
    expect(ndb).toContain('(OAIC)');
    expect(ndb).toContain('within 30 days');
    const ransom = rule(slug, 'au-ransomware-payment');
    expect(ransom).toContain('Australian Signals Directorate');
    expect(ransom).toContain('within 72 hours of making the payment');
  });

  test("ReportCyber, ASD's ACSC and DFAT's sanctions office are on the contacts page; DFAT on the call list", () => {
    const contacts = text(slug, 'contacts');
    for (const id of ['au-oaic', 'au-asd', 'au-police', 'au-aso']) expect(contacts, id).toContain(authority(id));
    expect(contacts).toContain('ReportCyber');
    expect(text(slug, 'contact-checklist')).toContain(`Sanctions authority: ${authority('au-aso')}`);
    expect(authority('au-aso')).toContain('Department of Foreign Affairs and Trade');
  });

  test('national numbers print as written and every tel: link of its own people is +61, never +1', () => {
    const page = html(slug, 'contacts');
    for (const written of ['0412 345 678', '0491 570 006', '(02) 9876 5432'])
      expect(visibleText(page)).toContain(written);
    const tels = telLinks(page);
    for (const tel of ['tel:+61412345678', 'tel:+61491570006', 'tel:+61298765432', 'tel:+61255501234'])
      expect(tels).toContain(tel);
    // A national number read as a US one would start +10; only the US MSP's own +1 lines may appear.
    expect(tels.filter((t) => t.startsWith('tel:+1') && !/^tel:\+1(503|888)/.test(t))).toEqual([]);
    const vcard = readFileSync(join(out, slug, 'site', 'vcard', 'lena-finch.vcf'), 'utf8');
    expect(vcard).toContain('TEL;TYPE=CELL:+61412345678');
  });

  test('no US rule or US authority prints', () => expectNothingAmerican(slug));

  test('dates are written for en-AU', () => {
    const page = text(slug, 'document-control');
    expect(page).toContain('1 October 2026');
    expect(page).not.toContain('October 1, 2026');
  });

  // Paper comes from the country when neither the plan nor defaults.yaml sets one (issue 19).
  test('the binder is printed on A4', () => {
    const binder = JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8')).outputs.binder as string;
    expect(tool('pdfinfo', [join(out, slug, binder)])).toMatch(/Page size:.*\(A4\)/);
  });
});

describe('a Montreal firm (CA-QC)', () => {
  const slug = 'qc-firm';

  test('PIPEDA with the OPC and Law 25 with the CAI are derived', () => {
    expect(ruleHeadings(slug)).toEqual([label('pipeda'), label('ca-qc-law25')]);
    expect(rule(slug, 'pipeda')).toContain(authority('ca-opc'));
    expect(rule(slug, 'pipeda')).toContain('24 months');
    const law25 = rule(slug, 'ca-qc-law25');
    expect(law25).toContain(authority('ca-qc-cai'));
    expect(law25).toContain('register of ALL confidentiality incidents');
    expect(telLinks(html(slug, 'regulatory'))).toContain('tel:+18885287741');
  });

  test('the RCMP, the Cyber Centre and Global Affairs Canada are on the contacts page', () => {
    const contacts = text(slug, 'contacts');
    for (const id of ['ca-rcmp-nc3', 'ca-cccs', 'ca-gac-sanctions']) expect(contacts, id).toContain(authority(id));
    expect(text(slug, 'contact-checklist')).toContain(`Sanctions authority: ${authority('ca-gac-sanctions')}`);
  });

  test('its numbers, written "514 555 0199", dial as +1 514', () => {
    expect(text(slug, 'contacts')).toContain('514 555 0199');
    expect(telLinks(html(slug, 'contacts'))).toContain('tel:+15145550199');
  });

  test('no US rule or US authority prints', () => expectNothingAmerican(slug));
});

describe('an Australian number without client.country', () => {
  test('is an error at its position, never read as a US number', () => {
    const root = tempDir('irplan-jurisdictions-nocountry-');
    copyExamples(root);
    copyFixtureClient(root, PRINTED);
    const file = join(root, 'plans', PRINTED, 'plan.yaml');
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => !/^ {2}(country|region):/.test(l));
    writeFileSync(file, lines.join('\n'));
    const line = lines.findIndex((l) => l.includes('"0412 345 678"')) + 1;
    const column = (lines[line - 1] ?? '').indexOf('"0412') + 1;
    const r = irplan(['validate', PRINTED], { cwd: root });
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain(
      `plans/${PRINTED}/plan.yaml:${line}:${column} error IRP_PHONE contacts[0].phones[0].number "0412 345 678"`,
    );
  });
});
