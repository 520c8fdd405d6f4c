import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createHelpers } from '../../../src/render/helpers.ts';
import { listDependents } from '../../../src/model/assets.ts';
import { diffCalls } from '../../../src/model/calls.ts';
import { describeClock } from '../../../src/model/clock.ts';
import { buildModel } from '../../../src/model/model.ts';
import { toCamel } from '../../../src/model/names.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { englishMessages } from '../../../src/render/messages.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/cli.ts';

// The model is where the plan's domain logic lives: who is called in which order, which checklists
// apply, how deadlines read. These tests pin that logic on small hand-made plans.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'acme', audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const english = { locale: 'en-US', text: englishMessages().text };

function plan(over: Partial<Plan> = {}): Plan {
  return {
    client: { name: 'Acme' },
    plan: {
      version: '1.0.0',
      owner: 'ann',
      classification: 'TLP:AMBER',
      effective: '2026-01-15',
      review: { last: '2026-01-15', every_months: 6 },
    },
    msp: { name: 'MSP Co', hotline: 'soc' },
    contacts: [
      {
        id: 'soc',
        name: 'MSP SOC',
        groups: ['msp'],
        roles: ['liaison'],
        phones: [{ number: '+1 503 555 0170', out_of_band: true }],
      },
      {
        id: 'ann',
        name: 'Ann Lee',
        roles: ['incident-commander'],
        groups: ['business-owner'],
        phones: [
          { number: '+1 503 555 0101', label: 'desk' },
          { number: '+1 503 555 0102', label: 'mobile', out_of_band: true },
        ],
      },
      { id: 'bob', name: 'Bob Ray', roles: ['deputy', 'technical-lead'], phones: [{ number: '+1 503 555 0103' }] },
      { id: 'cop', name: 'Police desk', groups: ['law-enforcement'], phones: [{ number: '+1 503 555 0104' }] },
      {
        id: 'par',
        name: 'Partner desk',
        groups: ['partner'],
        phones: [{ number: '+1 503 555 0105' }],
        notify: { severities: ['critical'], incident_types: ['ransomware'] },
      },
    ],
    assets: [
      {
        id: 'dc',
        name: 'DC1',
        kind: 'server',
        os: 'windows',
        services: ['domain-controller', 'dns'],
        criticality: 'critical',
        data: ['credentials'],
      },
      {
        id: 'app',
        name: 'App',
        kind: 'application',
        os: 'windows',
        services: ['database'],
        criticality: 'high',
        data: ['pii'],
        depends_on: ['dc'],
      },
      {
        id: 'web',
        name: 'Portal',
        kind: 'server',
        os: 'linux',
        services: ['web'],
        criticality: 'medium',
        depends_on: ['app'],
      },
      { id: 'laptop', name: 'Laptops', kind: 'workstation', os: 'macos', criticality: 'low' },
    ],
    ...over,
  };
}

describe('call order', () => {
  test('the MSP hotline comes first, then the severity roles in table order, out-of-band numbers first', () => {
    const m = buildModel(plan(), tables, opts);
    const critical = m.severities.find((s) => s.id === 'critical')?.callList ?? [];
    expect(critical.map((e) => e.short).slice(0, 3)).toEqual(['MSP SOC', 'Ann Lee', 'Bob Ray']);
    expect(critical[1]?.first?.number).toBe('+1 503 555 0102');
    expect(m.callTree).toBe(critical);
  });

  test('the first calls are the MSP, then the commander, deputy and technical lead, then the insurer', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.firstCalls.map((e) => e.short)).toEqual(['MSP SOC', 'Ann Lee', 'Bob Ray', 'No cyber insurance on file']);
  });

  test('low severity calls only the technical lead after the MSP', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.severities.find((s) => s.id === 'low')?.callList.map((e) => e.short)).toEqual(['MSP SOC', 'Bob Ray']);
  });

  test('a contact who asked only for ransomware is called for ransomware but not for phishing', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.byIncident.ransomware?.callLists[0]?.entries.map((e) => e.short)).toContain('Partner desk');
    expect(m.byIncident.phishing?.callLists[0]?.entries.map((e) => e.short)).not.toContain('Partner desk');
    expect(m.byIncident.phishing?.skipped).toEqual(['Partner desk']);
  });

  test('ransomware adds law enforcement to the critical list', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.byIncident.ransomware?.added.map((e) => e.short)).toEqual(['Police desk']);
  });

  test('diffCalls reports added and skipped names', () => {
    const e = (name: string) => ({
      name,
      short: name,
      why: '',
      phones: [],
      first: null,
      email: null,
      note: null,
      url: null,
      confirm: null,
    });
    expect(diffCalls([e('a'), e('b')], [e('a'), e('c')])).toEqual({ added: [e('c')], skipped: ['b'] });
  });

  test('without insurance the insurer entry says so instead of a number', () => {
    const m = buildModel(plan(), tables, opts);
    const insurer = m.callTree.find((e) => e.why === 'Insurer');
    expect(insurer?.name).toBe('No cyber insurance on file');
    expect(insurer?.first).toBeNull();
  });
});

describe('roles and deputies', () => {
  test('each role names its holder; deputies come from the backup roles', () => {
    const m = buildModel(plan(), tables, opts);
    const ic = m.roles.find((r) => r.id === 'incident-commander');
    expect(ic?.primary?.name).toBe('Ann Lee');
    expect(ic?.deputies.map((d) => d.name)).toEqual(['Bob Ray']);
    expect(m.who.incidentCommander).toBe('Incident commander (Ann Lee)');
  });

  test('a role nobody holds is covered by its backup holder, and says so', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.who.scribe).toBe('Scribe (Bob Ray, standing in)');
    expect(m.who.legal).toBe('Legal adviser (to be named by the incident commander)');
  });

  test('person names the holder alone, for messages sent outside the team', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.person.technicalLead).toBe('Bob Ray');
    expect(m.person.legal).toBe('our legal adviser');
  });

  test('toCamel turns role ids into template keys', () => {
    expect(toCamel('incident-commander')).toBe('incidentCommander');
    expect(toCamel('forensics-domain-controller')).toBe('forensicsDomainController');
  });
});

describe('applicable checklists', () => {
  test('forensic sheets follow the inventory, each with the assets it covers', () => {
    const m = buildModel(plan(), tables, opts);
    const ids = m.forensics.map((c) => c.id);
    expect(ids).toEqual([
      'forensics-windows',
      'forensics-linux',
      'forensics-macos',
      'forensics-web',
      'forensics-database',
      'forensics-domain-controller',
      'forensics-dns',
    ]);
    expect(m.sheets.forensicsDns?.assets.map((a) => a.name)).toEqual(['DC1']);
    expect(m.sheets.forensicsWindows?.assets.map((a) => a.name)).toEqual(['DC1', 'App']);
  });

  test('a client without Linux gets no Linux sheet, and the response checklists always apply', () => {
    const p = plan();
    p.assets = (p.assets ?? []).filter((a) => a.os !== 'linux');
    const m = buildModel(p, tables, opts);
    expect(m.forensics.map((c) => c.id)).not.toContain('forensics-linux');
    expect(m.forensics.map((c) => c.id)).not.toContain('forensics-web');
    const response = m.checklists.filter((c) => c.kind === 'response').map((c) => c.id);
    expect(response).toEqual([
      ...tables.responseChecklists.map((c) => c.id),
      ...m.playbooks.map((i) => `playbook-${i.id}`),
    ]);
    // Its laptops and data call for two of the playbooks chosen by data (tests/unit/model/incidents.test.ts).
    expect(m.playbooks).toHaveLength(8);
    expect(response.slice(0, 3)).toEqual(['first-15-minutes', 'triage', 'cost-log']);
  });

  test('a client with no assets gets no forensic sheet', () => {
    const m = buildModel(plan({ assets: [] }), tables, opts);
    expect(m.forensics).toEqual([]);
    expect(m.scope.backup).toEqual([]);
  });
});

describe('triage matrix', () => {
  test('sensitive data raises priority one step and sets the severity floor', () => {
    const m = buildModel(plan(), tables, opts);
    const app = m.assets.find((a) => a.id === 'app');
    expect(app?.priority).toBe(1);
    expect(app?.severityFloor).toBe('critical');
    expect(m.assets.find((a) => a.id === 'web')?.severityFloor).toBe('medium');
  });

  test('scope follows dependencies transitively', () => {
    expect(listDependents('dc', plan())).toEqual(['app', 'web']);
    expect(listDependents('web', plan())).toEqual([]);
    const m = buildModel(plan(), tables, opts);
    expect(m.assets.find((a) => a.id === 'dc')?.affects).toEqual(['App', 'Portal']);
  });

  test('restore order puts dependencies first, then priority', () => {
    const m = buildModel(plan(), tables, opts);
    // App has the higher priority (it holds personal data) but needs DC1 back first.
    expect(m.assets.map((a) => a.name).slice(0, 2)).toEqual(['DC1', 'App']);
    const p = plan();
    const dc = p.assets?.[0];
    if (dc) dc.criticality = 'high';
    const m2 = buildModel(p, tables, opts);
    expect(m2.assets[0]?.name).toBe('App');
    expect(m2.restoreOrder.map((a) => a.name)).toEqual(['DC1', 'App', 'Portal', 'Laptops']);
  });

  test('impact and data read in words, not ids', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.assets.find((a) => a.id === 'app')?.impact).toBe('high to operations; holds personal data');
    expect(m.assets.find((a) => a.id === 'app')?.dataText).toEqual(['personal data']);
  });

  test('a dependency cycle does not loop', () => {
    const p = plan();
    const dc = p.assets?.[0];
    if (dc) dc.depends_on = ['web'];
    expect(listDependents('dc', p)).toEqual(['app', 'web']);
  });

  test('assets name the listed regulations their data brings into play', () => {
    const m = buildModel(plan({ regulations: ['gdpr', 'hipaa'] }), tables, opts);
    expect(m.assets.find((a) => a.id === 'app')?.regulations).toEqual(['GDPR']);
    expect(m.regulations.find((r) => r.id === 'hipaa')?.assets).toEqual([]);
  });

  test('scopes name the assets each kind of step acts on, in priority order', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.scope.identity).toEqual(['DC1']);
    expect(m.scope.sensitive).toEqual(['App']);
    expect(m.scope.endpoints).toEqual(['Laptops']);
  });
});

describe('deadlines', () => {
  test('the insurer clock reads as hours and as a worked example', () => {
    const m = buildModel(
      plan({
        insurance: {
          carrier: 'Harbor',
          policy_number: 'P-1',
          notice_within_hours: 48,
          consent_required_for: ['system-changes'],
        },
      }),
      tables,
      opts,
    );
    expect(m.insurance?.noticeText).toBe('2 days (48 hours)');
    expect(m.insurance?.noticeExample).toBe('clock starts Monday 09:00, due Wednesday 09:00');
    expect(m.callTree.find((e) => e.why === 'Insurer')?.note).toBe('Notice due within 2 days (48 hours) of discovery.');
  });

  test('clock examples cross days, weeks and long deadlines', () => {
    expect(describeClock(24, english)).toBe('clock starts Monday 09:00, due Tuesday 09:00');
    expect(describeClock(72, english)).toBe('clock starts Monday 09:00, due Thursday 09:00');
    expect(describeClock(20, english)).toBe('clock starts Monday 09:00, due Tuesday 05:00');
    expect(describeClock(168, english)).toBe('clock starts Monday 09:00, due Monday of the following week 09:00');
    expect(describeClock(1440, english)).toBe('clock starts on the 1st at 09:00, due on day 61 at 09:00');
  });

  test('regulations carry their clock; an unknown one defers to counsel', () => {
    const m = buildModel(plan({ regulations: ['gdpr', 'made-up'] }), tables, opts);
    expect(m.regulations[0]?.deadlineText).toBe('3 days (72 hours)');
    expect(m.regulations[1]?.deadline).toBe('Confirm with legal counsel');
  });

  test('the review due date is the last review plus the cadence', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.plan.reviewDue).toBe('2026-07-15');
  });
});

describe('content helpers', () => {
  const policy = { consentIds: ['system-changes'], carrier: 'Harbor', consentLabels: new Map<string, string>() };
  const h = createHelpers(policy);
  const opt = {} as never;

  test('stop prints one mark when any of its actions needs consent, nothing otherwise', () => {
    expect(String(h.stop('data-restoration', 'system-changes', opt))).toBe(" **STOP: get Harbor's consent first.**");
    expect(String(h.stop('ransom-payment', opt))).toBe('');
    expect(String(createHelpers(null).stop('system-changes', opt))).toBe('');
  });

  test('names reads a list as a sentence, or the fallback when empty', () => {
    expect(String(h.names(['A', 'B', 'C'], 'none'))).toBe('A, B and C');
    expect(String(h.names(['A'], 'none'))).toBe('A');
    expect(String(h.names([], 'the backups'))).toBe('the backups');
  });
});

describe('every template renders for any inventory', () => {
  // The examples do not use every sheet (no macOS, no firewall-only device ...); a plan with one
  // asset of every kind renders them all, with and without insurance, and leaves nothing behind.
  const every = (): Plan =>
    plan({
      assets: [
        ...(plan().assets ?? []),
        { id: 'mx', name: 'Mail server MX1', kind: 'server', os: 'linux', services: ['mail'], criticality: 'high' },
        {
          id: 'fw',
          name: 'Firewall FW9',
          kind: 'network',
          os: 'network-os',
          services: ['firewall', 'vpn', 'remote-access'],
          criticality: 'critical',
        },
        {
          id: 'idp',
          name: 'Identity cloud',
          kind: 'cloud',
          os: 'saas',
          services: ['identity'],
          criticality: 'critical',
          data: ['credentials'],
        },
        {
          id: 'bk',
          name: 'Backups',
          kind: 'data-store',
          os: 'other',
          services: ['backup'],
          criticality: 'high',
          data: ['phi', 'payment-card'],
        },
      ],
      regulations: ['gdpr', 'hipaa', 'pci-dss', 'made-up'],
    });
  const insured = {
    carrier: 'Harbor',
    policy_number: 'P-1',
    notice_within_hours: 72,
    claims_hotline: '+1 800 555 0199',
    panel: [{ name: 'Forensix', service: 'forensics', phone: '+1 800 555 0123' }],
    consent_required_for: [
      'system-changes',
      'data-restoration',
      'public-statements',
      'third-party-notification',
      'law-enforcement-contact',
      'engaging-vendors',
      'ransom-payment',
    ],
    stipulations: ['Keep evidence.'],
  };
  const LEFTOVER = /\{\{|\}\}|\bTODO\b|\bTBD\b|lorem|\bundefined\b|\[object Object\]|\bNaN\b|\bnull\b/i;

  // A bare policy (no panel, hotline, deadline, consents or stipulations) must render too.
  const bare = { carrier: 'Harbor', policy_number: 'P-1' };
  test.each([
    ['insured', true, insured],
    ['insured with a bare policy', true, bare],
    ['uninsured', false, null],
  ] as const)('%s', (name, withInsurance, policy) => {
    const p = every();
    if (policy) p.insurance = policy;
    const m = buildModel(p, tables, opts);
    const docs = renderDocuments(m, collectTemplates(join(REPO, 'templates'), null));
    const sheets = docs.filter((d) => d.checklist?.startsWith('forensics-')).map((d) => d.checklist);
    expect(sheets.sort()).toEqual(tables.checklists.map((c) => c.id).sort());
    for (const d of docs) expect(LEFTOVER.test(d.body), `${d.template}: ${LEFTOVER.exec(d.body)?.[0]}`).toBe(false);
    const playbooks = docs
      .filter((d) => d.kind === 'playbook')
      .map((d) => d.body)
      .join('\n');
    expect(playbooks.includes('STOP')).toBe(withInsurance && name === 'insured');
    expect(docs.find((d) => d.checklist === 'forensics-macos')?.body).toContain('Laptops');
  });
});
