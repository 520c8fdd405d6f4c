import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { planLocale, planPaper } from '../../../src/model/locale.ts';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { createHelpers } from '../../../src/render/helpers.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import type { Jurisdiction } from '../../../src/plan/jurisdiction-file.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/cli.ts';

// A client's dates and paper follow its own plan, else its country's jurisdiction file, else the US.
const tables = loadTables(join(REPO, 'templates'));

function plan(client: Partial<Plan['client']> = {}, paper?: 'letter' | 'a4'): Plan {
  return {
    client: { name: 'Acme', ...client },
    plan: {
      version: '1.0.0',
      owner: 'ann',
      classification: 'TLP:AMBER',
      effective: '2026-01-15',
      review: { last: '2026-01-15', every_months: 12 },
      ...(paper ? { paper } : {}),
    },
    contacts: [
      {
        id: 'ann',
        name: 'Ann Lee',
        roles: ['incident-commander'],
        phones: [{ number: '+44 20 7946 0000', out_of_band: true }],
        verified: '2026-03-02',
      },
    ],
  };
}

const made = (country: string, locale?: string, paper?: 'a4' | 'letter'): Jurisdiction => ({
  country,
  name: country,
  file: `${country.toLowerCase()}.yaml`,
  ...(locale ? { locale } : {}),
  ...(paper ? { paper } : {}),
});

describe('planLocale', () => {
  const files = [made('GB', 'en-GB', 'a4'), made('XX')];

  test("the plan's own locale wins over its country's", () => {
    expect(planLocale(plan({ country: 'GB', locale: 'en-IE' }), files)).toBe('en-IE');
  });

  test("without one, the country's jurisdiction file decides", () => {
    expect(planLocale(plan({ country: 'GB' }), files)).toBe('en-GB');
  });

  test('en-US without a country, for a country without a file, or a file without a locale', () => {
    expect(planLocale(plan(), files)).toBe('en-US');
    expect(planLocale(plan({ country: 'FR' }), files)).toBe('en-US');
    expect(planLocale(plan({ country: 'XX' }), files)).toBe('en-US');
  });
});

describe('planPaper', () => {
  const files = [made('GB', 'en-GB', 'a4'), made('US', 'en-US', 'letter'), made('XX')];

  test("the plan's own paper wins over its country's", () => {
    expect(planPaper(plan({ country: 'GB' }, 'letter'), files)).toBe('letter');
    expect(planPaper(plan({ country: 'US' }, 'a4'), files)).toBe('a4');
  });

  test("without one, the country's jurisdiction file decides", () => {
    expect(planPaper(plan({ country: 'GB' }), files)).toBe('a4');
    expect(planPaper(plan({ country: 'US' }), files)).toBe('letter');
  });

  test('letter without a country, for a country without a file, or a file without a paper', () => {
    expect(planPaper(plan(), files)).toBe('letter');
    expect(planPaper(plan({ country: 'FR' }), files)).toBe('letter');
    expect(planPaper(plan({ country: 'XX' }), files)).toBe('letter');
  });
});

describe('the shipped jurisdiction files', () => {
  test.each([
    ['US', 'en-US', 'letter'],
    ['CA', 'en-CA', 'letter'],
    ['GB', 'en-GB', 'a4'],
    ['AU', 'en-AU', 'a4'],
    ['NZ', 'en-NZ', 'a4'],
  ])('%s writes %s dates on %s paper', (country, locale, paper) => {
    expect(planLocale(plan({ country }), tables.jurisdictions)).toBe(locale);
    expect(planPaper(plan({ country }), tables.jurisdictions)).toBe(paper);
  });
});

describe("the model writes every date for the client's locale", () => {
  const opts = { slug: 'acme', audience: 'print' as const, buildDate: '2026-11-01', draft: false };

  test('a UK client: en-GB dates and A4 in the model', () => {
    const m = buildModel(plan({ country: 'GB' }), tables, opts);
    expect(m.client.locale).toBe('en-GB');
    expect(m.plan.paper).toBe('a4');
    expect(m.buildDateText).toBe('1 November 2026');
    expect(m.plan.effectiveText).toBe('15 January 2026');
    expect(m.plan.reviewDueText).toBe('15 January 2027');
    expect(m.contacts.find((c) => c.id === 'ann')?.verifiedText).toBe('2 March 2026');
  });

  test('a client without a country keeps US dates on letter paper', () => {
    const m = buildModel(plan(), tables, opts);
    expect(m.client.locale).toBe('en-US');
    expect(m.plan.paper).toBe('letter');
    expect(m.plan.effectiveText).toBe('January 15, 2026');
  });

  test('the {{date}} helper writes for the locale it is given', () => {
    expect(createHelpers(null, [], 'en-GB').date('2026-10-15')).toBe('15 October 2026');
    expect(createHelpers(null, [], 'en-US').date('2026-10-15')).toBe('October 15, 2026');
    expect(createHelpers(null, [], 'en-GB').date(null)).toBe('not recorded');
  });

  test("the rendered document control uses the model's locale", () => {
    const m = buildModel(plan({ country: 'AU' }), tables, opts);
    const docs = renderDocuments(m, collectTemplates(join(REPO, 'templates'), null));
    const body = docs.find((d) => d.id === 'document-control')?.body ?? '';
    expect(body).toContain('| Effective | 15 January 2026 |');
    expect(body).not.toContain('January 15, 2026');
  });
});
