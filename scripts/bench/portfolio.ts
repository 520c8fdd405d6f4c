// A synthetic, deterministic portfolio of realistic clients for the benchmark: each has about 40
// contacts, 150 assets covering every os, service and kind (so every checklist applies), cyber
// insurance, regulations, data flows and exercises. Same seed and count, same bytes.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readClients } from '../../src/plan/read.ts';
import { TOOL_ROOT } from '../../src/shared/project.ts';

export const OSES = ['windows', 'linux', 'macos', 'network-os', 'saas', 'other'] as const;
export const SERVICES = [
  'web',
  'mail',
  'database',
  'domain-controller',
  'dns',
  'file',
  'vpn',
  'remote-access',
  'backup',
  'identity',
  'firewall',
  'erp',
  'other',
] as const;
const KINDS = ['server', 'workstation', 'network', 'application', 'service', 'cloud', 'data-store'] as const;
const LEVELS = ['critical', 'high', 'medium', 'low'] as const;
const DATA = ['pii', 'phi', 'payment-card', 'credentials', 'financial', 'ip', 'customer-data'] as const;
const GROUPS = [
  'business-owner',
  'senior-management',
  'staff',
  'partner',
  'vendor',
  'customer',
  'legal-counsel',
  'insurer',
  'broker',
  'law-enforcement',
  'regulator',
] as const;
const ROLES = [
  'incident-commander',
  'deputy',
  'technical-lead',
  'communications-lead',
  'legal',
  'scribe',
  'executive-sponsor',
  'liaison',
] as const;
const INCIDENTS = [
  'account-compromise',
  'data-breach',
  'lateral-movement',
  'phishing',
  'ransomware',
  'remote-access-breach',
] as const;
const REGULATIONS = [
  'gdpr',
  'uk-gdpr',
  'hipaa',
  'pci-dss',
  'state-breach-notification',
  'glba',
  'sec-cyber-disclosure',
  'nis2',
  'pipeda',
  'ccpa',
] as const;
const FIRST = [
  'Maria',
  'Dev',
  'Ken',
  'Lena',
  'Hal',
  'Sam',
  'Ana',
  'Tomas',
  'Grace',
  'Omar',
  'Ines',
  'Raj',
  'Yuki',
  'Chloe',
  'Noah',
  'Zara',
  'Felix',
  'Amara',
  'Liam',
  'Sofia',
];
const LAST = [
  'Lopez',
  'Patel',
  'Ito',
  'Fischer',
  'Osei',
  'Greene',
  'Novak',
  'Berg',
  'Okafor',
  'Haddad',
  'Moreau',
  'Singh',
  'Tanaka',
  'Dubois',
  'Kowalski',
  'Reyes',
  'Lindqvist',
  'Mensah',
  'Walsh',
  'Costa',
];
const TITLES = [
  'Operations Director',
  'IT Manager',
  'Chief Executive Officer',
  'Marketing Manager',
  'Finance Lead',
  'Office Manager',
  'Systems Administrator',
  'HR Director',
  'Facilities Lead',
  'Account Manager',
];
const TOWNS = ['Portland', 'Tacoma', 'Boise', 'Spokane', 'Eugene', 'Salem', 'Bend', 'Yakima'];
const ZONES = ['America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York', 'Europe/Berlin'];
const AREA = ['503', '971', '206', '208', '509', '541', '360', '425'];
const SECTORS = [
  'logistics',
  'dental practice',
  'law firm',
  'manufacturing',
  'accounting',
  'retail',
  'nonprofit',
  'architecture',
];
const BRANDS = [
  'Northwind',
  'Cedar',
  'Harbor',
  'Summit',
  'Alder',
  'Basalt',
  'Cascade',
  'Juniper',
  'Meridian',
  'Osprey',
];

/** Mulberry32: a small seeded PRNG, so the portfolio is the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const some = <T>(xs: readonly T[], max: number): T[] => [
    ...new Set(Array.from({ length: 1 + int(max) }, () => pick(xs))),
  ];
  return { next, int, pick, some };
}

function slugOf(i: number): string {
  return `client-${String(i + 1).padStart(3, '0')}`;
}

const day = (r: ReturnType<typeof rng>, year: number) =>
  `${year}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
const phone = (r: ReturnType<typeof rng>) => `+1 ${r.pick(AREA)} 555 01${String(r.int(100)).padStart(2, '0')}`;

/** One client's plan as plain data. */
export function clientPlan(i: number, seed = 1): Record<string, unknown> {
  const r = rng(seed * 100_003 + i);
  const brand = `${r.pick(BRANDS)} ${r.pick(SECTORS).replace(/^./, (c) => c.toUpperCase())} ${i + 1}`;
  const domain = `${slugOf(i)}.example`;
  const contacts = Array.from({ length: 40 }, (_, k) => {
    const name = `${FIRST[k % FIRST.length]} ${LAST[(k * 7 + i) % LAST.length]}`;
    const id = `${name.toLowerCase().replace(/ /g, '-')}-${k}`;
    const phones: Record<string, unknown>[] = [{ number: phone(r), label: 'mobile', out_of_band: k % 3 === 0 }];
    if (k % 2 === 0) phones.push({ number: phone(r), label: 'desk' });
    if (k === 1) phones.push({ number: phone(r), label: 'home', private: true });
    const groups = k < 8 ? [k < 3 ? 'business-owner' : 'senior-management'] : [GROUPS[k % GROUPS.length]];
    const contact: Record<string, unknown> = {
      id,
      name,
      title: TITLES[k % TITLES.length],
      organization: groups[0] === 'staff' || k < 8 ? brand : `${r.pick(LAST)} ${r.pick(['LLP', 'Inc', 'Group'])}`,
      groups,
      phones,
      email: `${id}@${domain}`,
      verified: day(r, 2026),
    };
    if (k < ROLES.length * 2) contact.roles = [ROLES[k % ROLES.length]];
    if (k % 5 === 0) contact.notify = { severities: r.some(LEVELS, 2), incident_types: r.some(INCIDENTS, 3) };
    return contact;
  });
  const ids = contacts.map((c) => c.id as string);
  const assets = Array.from({ length: 150 }, (_, k) => {
    const os = OSES[k % OSES.length];
    const services = [SERVICES[k % SERVICES.length], ...(k % 4 === 0 ? [r.pick(SERVICES)] : [])];
    const asset: Record<string, unknown> = {
      id: `asset-${String(k + 1).padStart(3, '0')}`,
      name: `${(services[0] ?? 'host').toUpperCase()} ${os} host ${k + 1}`,
      kind: KINDS[k % KINDS.length],
      os,
      services: [...new Set(services)],
      criticality: LEVELS[k % LEVELS.length],
      data: r.some(DATA, 2),
      owner: ids[k % 10],
      location: `${r.pick(TOWNS)} ${r.pick(['server room', 'colocation', 'AWS us-west-2', 'branch office'])}`,
      rto_hours: 1 + r.int(72),
      rpo_hours: 1 + r.int(48),
    };
    if (k > 0 && k % 3 === 0) asset.depends_on = [`asset-${String(1 + r.int(k)).padStart(3, '0')}`];
    return asset;
  });
  return {
    client: {
      name: brand,
      industry: r.pick(SECTORS),
      timezone: r.pick(ZONES),
      locations: [
        { name: 'HQ', address: `${100 + r.int(900)} Main Street, ${r.pick(TOWNS)}` },
        { name: 'Branch', address: `${10 + r.int(90)} Depot Road, ${r.pick(TOWNS)}` },
      ],
    },
    plan: {
      version: `${1 + r.int(3)}.${r.int(10)}.0`,
      effective: '2026-11-01',
      owner: ids[0],
      classification: i % 4 === 3 ? 'TLP:GREEN' : 'TLP:AMBER',
      review: { last: '2026-11-01', every_months: 12 },
      paper: i % 5 === 4 ? 'a4' : 'letter',
      distribution: ids.slice(0, 4),
      history: [{ version: '1.0.0', date: '2025-03-01', summary: 'First version.', approver: contacts[0]?.name }],
    },
    contacts,
    assets,
    data_flows: Array.from({ length: 6 }, (_, k) => ({
      id: `flow-${k + 1}`,
      data: r.some(DATA, 2),
      from: `asset-${String(1 + r.int(150)).padStart(3, '0')}`,
      to: k % 2 ? 'Carrier portal' : `asset-${String(1 + r.int(150)).padStart(3, '0')}`,
      via: r.pick(['sftp', 'REST API over TLS', 'VPN tunnel']),
    })),
    insurance: {
      carrier: `${r.pick(BRANDS)} Mutual`,
      policy_number: `CYB-2026-${String(1000 + i).padStart(6, '0')}`,
      period: { start: '2026-07-01', end: '2027-06-30' },
      claims_hotline: '+1 800 555 0199',
      notice_within_hours: 48,
      hotline_counts_as_notice: i % 2 === 0,
      broker: ids[8],
      panel: [
        { name: 'Cobalt Forensics', service: 'forensics', phone: '+1 800 555 0123' },
        { name: 'Whitfield Privacy Law', service: 'breach counsel', phone: '+1 800 555 0124' },
      ],
      consent_required_for: ['engaging-vendors', 'ransom-payment', 'public-statements', 'system-changes'],
      stipulations: ["Affected systems are not rebuilt before the carrier's forensic vendor has collected evidence."],
    },
    continuity: {
      bcp: { document: `${brand} BCP v${1 + r.int(5)}`, location: 'SharePoint > Ops > BCP', owner: ids[0] },
      drp: { document: `${brand} DRP v${1 + r.int(5)}`, location: 'Binder shelf, HQ', owner: ids[1] },
      requirements: ['Core operations must run from paper within 4 hours of a system outage.'],
    },
    regulations: r.some(REGULATIONS, 3),
    exercises: INCIDENTS.slice(0, 3).map((scenario, k) => ({
      date: `2026-0${k + 2}-1${k}`,
      scenario,
      participants: ids.slice(k, k + 4),
    })),
  };
}

/** Writes plans/defaults.yaml (the repo's) and N client folders into `root`; returns the slugs. */
function writePortfolio(root: string, count: number, seed = 1): string[] {
  const plans = join(root, 'plans');
  mkdirSync(plans, { recursive: true });
  // The MSP layer and whatever it refers to (a logo in plans/branding/): everything but client folders.
  for (const entry of readdirSync(join(TOOL_ROOT, 'plans'))) {
    if (!existsSync(join(TOOL_ROOT, 'plans', entry, 'plan.yaml')))
      cpSync(join(TOOL_ROOT, 'plans', entry), join(plans, entry), { recursive: true });
  }
  const slugs = Array.from({ length: count }, (_, i) => slugOf(i));
  slugs.forEach((slug, i) => {
    mkdirSync(join(plans, slug), { recursive: true });
    writeFileSync(
      join(plans, slug, 'plan.yaml'),
      `# yaml-language-server: $schema=../../src/schema/plan.schema.json\n${stringify(clientPlan(i, seed), { lineWidth: 0 })}`,
    );
  });
  return slugs;
}

/** Generates and validates: any error in a generated plan is a bug in this generator. */
export function generatePortfolio(root: string, count: number, seed = 1): string[] {
  const slugs = writePortfolio(root, count, seed);
  const read = readClients(join(root, 'plans'), []);
  if (read.errors.length > 0 || read.clients.length !== count) {
    const first = read.errors
      .slice(0, 5)
      .map((e) => `${e.position?.file}:${e.position?.line}: ${e.message}`)
      .join('\n');
    throw new Error(`the generated portfolio is invalid (${read.errors.length} errors):\n${first}`);
  }
  return slugs;
}

/**
 * The benchmarks' template edit, the kind consultants make all the time: one sentence of the
 * phishing playbook, which every client has (bench.ts and bench-memory.ts --edit).
 */
export function editPhishingTemplate(project: string): void {
  const phishing = join(project, 'templates', 'playbooks', 'phishing.md.hbs');
  const text = readFileSync(phishing, 'utf8');
  if (!text.includes('Do not reply or click.')) throw new Error('the phishing playbook changed: update the bench edit');
  writeFileSync(phishing, text.replace('Do not reply or click.', 'Do not reply, click or pass it on.'));
}
