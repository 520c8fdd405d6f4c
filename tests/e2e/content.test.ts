import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { tool } from '../helpers/cli.ts';

// The plan's content, read as a reader gets it: the text of the printed binder and checklists and
// of the published pages, for both shipped examples, built once by tests/setup/examples.ts.
const out = inject('examplesOut');
const code = inject('examplesBuild').code;

const manifest = (slug: string) => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
/** Reading order, whitespace collapsed: a phrase split over two lines still matches. */
const pdfText = (slug: string, rel: string) => tool('pdftotext', [join(out, slug, rel), '-']).replace(/\s+/g, ' ');
const pages = (slug: string, rel: string) =>
  Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [join(out, slug, rel)]))?.[1]);
const checklistFile = (slug: string, id: string) => `pdf/${slug}-${id}.pdf`;

const SECTIONS = [
  'Document control',
  'The first 15 minutes',
  'Roles and responsibilities',
  'Severity levels and escalation',
  'Critical assets, data flows and triage matrix',
  'Triage, insurance first',
  'Playbook: ransomware and extortion',
  'Playbook: data breach',
  'Playbook: account compromise',
  'Playbook: phishing and pretexting',
  'Playbook: lateral movement',
  'Playbook: remote access breach',
  'Evidence and action log',
  'Claim-cost and business-interruption log',
  'Forensic collection checklists',
  'Communications plan',
  'Emergency contact checklist',
  'Regulatory notification',
  'After the incident',
  'After-action checklist',
  'Plan maintenance',
  'Tabletop exercise kit',
  'Appendix: glossary',
  'Appendix: contacts directory',
];
const RESPONSE = [
  'first-15-minutes',
  'triage',
  'cost-log',
  'chain-of-custody',
  'communications',
  'after-action',
  'playbook-ransomware',
  'playbook-data-breach',
  'playbook-account-compromise',
  'playbook-phishing',
  'playbook-lateral-movement',
  'playbook-remote-access-breach',
  'preparation',
];

const CLIENTS = {
  'northwind-logistics': {
    names: [
      'Northwind Logistics',
      'Maria Lopez',
      'Dev Patel',
      'Ken Ito',
      'Lena Fischer',
      'Hal Osei',
      'Domain controller DC01',
      'Public DNS server NS1',
      'Dispatch ERP (SQL Server)',
      'Harborline Mutual',
      'Cobalt Forensics',
      'Sam Greene',
      'Northwind BCP v4',
      'PCI DSS',
      'Oregon Consumer Information Protection Act',
      'Washington breach notification (RCW 19.255.010)',
    ],
    forensics: [
      'forensics-windows',
      'forensics-linux',
      'forensics-web',
      'forensics-database',
      'forensics-domain-controller',
      'forensics-dns',
      'forensics-backup',
      'forensics-remote-access',
      'forensics-firewall',
    ],
    // The playbooks its data calls for (issue 22): an outside data flow, data held, public services.
    playbooks: ['playbook-vendor-breach', 'playbook-insider-misuse', 'playbook-denial-of-service'],
  },
  'cedar-dental': {
    names: [
      'Cedar Family Dental',
      'Dr. Grace Kim',
      'Tom Baker',
      'Rita Alvarez',
      'ToothTrack Cloud patient records',
      'Microsoft 365 mail and identity',
      'Front desk workstations (3)',
      'HIPAA Breach Notification Rule',
      'has no cyber insurance',
    ],
    forensics: ['forensics-windows', 'forensics-mail', 'forensics-cloud-identity', 'forensics-saas'],
    // Mail, hosted services, a Microsoft 365 tenant, workstations and data; no public service of its own.
    playbooks: [
      'playbook-business-email-compromise',
      'playbook-vendor-breach',
      'playbook-cloud-tenant-compromise',
      'playbook-lost-or-stolen-device',
      'playbook-insider-misuse',
    ],
  },
} as const;
type Slug = keyof typeof CLIENTS;
const SLUGS = Object.keys(CLIENTS) as Slug[];

describe('plan content', () => {
  test('the build succeeds', () => {
    expect(code).toBe(0);
  });

  test.each(SLUGS)("the %s binder has every section, with the client's own names", (slug) => {
    const text = pdfText(slug, manifest(slug).outputs.binder);
    for (const title of SECTIONS) expect(text, title).toContain(title);
    for (const name of CLIENTS[slug].names) expect(text, name).toContain(name);
    expect(text).toContain('If unsure');
    expect(text).toContain('within two weeks');
  });

  test.each(SLUGS)('the %s manifest lists one PDF per applicable checklist and none other', (slug) => {
    const listed: string[] = manifest(slug).outputs.checklists;
    const expected = [...CLIENTS[slug].forensics, ...RESPONSE, ...CLIENTS[slug].playbooks].map((id) =>
      checklistFile(slug, id),
    );
    expect([...listed].sort()).toEqual([...expected].sort());
  });

  // Playbooks of an insured client carry the policy's conditions beside their steps, in 10 pt type
  // with rows never split across pages: they may take a third page. The triage sheet carries the
  // triage matrix it tells the reader to look things up in: up to four. Every other sheet fits on two.
  test.each(SLUGS)(
    'each %s checklist PDF prints on one or two pages (playbooks three, triage and preparation four); the first 15 minutes on one',
    (slug) => {
      for (const rel of manifest(slug).outputs.checklists as string[])
        expect(pages(slug, rel), rel).toBeLessThanOrEqual(pageLimit(rel));
      expect(pages(slug, checklistFile(slug, 'first-15-minutes'))).toBe(1);
    },
  );

  test('a client without Linux or DNS servers gets no Linux or DNS sheet', () => {
    const listed: string[] = manifest('cedar-dental').outputs.checklists;
    expect(listed.some((p) => p.includes('forensics-linux'))).toBe(false);
    expect(listed.some((p) => p.includes('forensics-dns'))).toBe(false);
  });

  test('each forensic sheet names the client assets it covers', () => {
    const dns = pdfText('northwind-logistics', checklistFile('northwind-logistics', 'forensics-dns'));
    expect(dns).toContain('Public DNS server NS1');
    expect(dns).toContain('Domain controller DC01');
    expect(dns).not.toContain('Edge firewall');
    const linux = pdfText('northwind-logistics', checklistFile('northwind-logistics', 'forensics-linux'));
    for (const name of ['Customer tracking portal WEB01', 'Public DNS server NS1', 'Backup appliance BK01'])
      expect(linux).toContain(name);
    const cloud = pdfText('cedar-dental', checklistFile('cedar-dental', 'forensics-cloud-identity'));
    expect(cloud).toContain('ToothTrack Cloud patient records');
    expect(cloud).toContain('Microsoft 365 mail and identity');
  });

  test("the insurer's deadline and consent stop-points appear in every playbook of an insured client", () => {
    const slug = 'northwind-logistics';
    for (const id of RESPONSE.filter((r) => r.startsWith('playbook-'))) {
      const text = pdfText(slug, checklistFile(slug, id));
      expect(text, id).toContain('Harborline Mutual within 2 days (48 hours) of discovery');
      // Markdown typography turns the apostrophe into a curly one.
      expect(text, id).toMatch(/STOP: get Harborline Mutual.s consent first\./);
      expect(text, id).toContain('Dev Patel');
    }
    const first = pdfText(slug, checklistFile(slug, 'first-15-minutes'));
    expect(first).toContain('2 days (48 hours)');
    expect(first).toContain('+1 800 555 0199');
  });

  test('an uninsured client sees no stop-points and a clear no-policy statement', () => {
    const slug = 'cedar-dental';
    for (const id of RESPONSE) {
      const text = pdfText(slug, checklistFile(slug, id));
      expect(text, id).not.toContain('STOP');
    }
    expect(pdfText(slug, checklistFile(slug, 'triage'))).toContain(
      'Cedar Family Dental has no cyber insurance policy on file.',
    );
    expect(pdfText(slug, checklistFile(slug, 'playbook-ransomware'))).toContain(
      'Cedar Family Dental has no cyber insurance',
    );
  });

  test("playbooks name the client's assets in their steps", () => {
    const nw = pdfText('northwind-logistics', checklistFile('northwind-logistics', 'playbook-ransomware'));
    expect(nw).toContain('Backup appliance BK01');
    expect(nw).toContain('Edge firewall and VPN FW01');
    const cd = pdfText('cedar-dental', checklistFile('cedar-dental', 'playbook-phishing'));
    expect(cd).toContain('Microsoft 365 mail and identity');
  });

  test('no output carries a template leftover', () => {
    const LEFTOVERS = [
      /\{\{/,
      /\}\}/,
      /\bTODO\b/,
      /\bTBD\b/,
      /lorem/i,
      /\bundefined\b/,
      /\[object Object\]/,
      /\bNaN\b/,
    ];
    for (const slug of SLUGS) {
      const files = readdirSync(join(out, slug), { recursive: true, encoding: 'utf8' });
      const texts: [string, string][] = [];
      for (const f of files.filter((p) => p.endsWith('.pdf')))
        texts.push([f, tool('pdftotext', [join(out, slug, f), '-'])]);
      // Page text only: the search and island scripts are library code, not plan content.
      for (const f of files.filter((p) => p.endsWith('.html')))
        texts.push([
          f,
          readFileSync(join(out, slug, f), 'utf8')
            .replace(/<script[\s\S]*?<\/script>/g, '')
            .replace(/<style[\s\S]*?<\/style>/g, ''),
        ]);
      expect(texts.length).toBeGreaterThan(20);
      for (const [f, text] of texts)
        for (const re of LEFTOVERS) expect(re.test(text), `${slug}/${f} matches ${re}`).toBe(false);
    }
  });
});

/** The most pages a checklist PDF may take (see the test above for why). */
function pageLimit(rel: string): number {
  if (rel.endsWith('-triage.pdf')) return 4;
  // The preparation checklist is worked through at a review, not during an incident: the jump kit,
  // break-glass accounts, log retention per system, EDR isolation, backups. Up to four pages.
  if (rel.endsWith('-preparation.pdf')) return 4;
  // Ransomware and lateral movement carry the recovery engineering (the forest recovery outline for
  // a client with a domain, the credential reset order) and, for ransomware, the ransom decision.
  if (/-playbook-(ransomware|lateral-movement)\.pdf$/.test(rel)) return 6;
  return rel.includes('-playbook-') ? 3 : 2;
}
