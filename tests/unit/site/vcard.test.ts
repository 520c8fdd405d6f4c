import { describe, expect, test } from 'vitest';
import type { ContactView } from '../../../src/model/index.ts';
import { formatVCard, vcardLinks } from '../../../src/site/vcard.ts';

const phone = (number: string, tel: string | null, extra: { label?: string; private?: boolean } = {}) => ({
  number,
  tel,
  dial: tel,
  label: extra.label ?? null,
  outOfBand: false,
  private: extra.private === true,
});

const contact = (over: Partial<ContactView> = {}): ContactView => ({
  id: 'ana-ruiz',
  name: 'Ana María Ruiz',
  title: 'Lead, IT; Ops',
  organization: 'Acme, Inc.',
  display: 'Ana María Ruiz',
  groups: [],
  groupLabels: [],
  roles: [],
  roleLabels: [],
  phones: [phone('+1 503 555 0142', '+15035550142', { label: 'mobile' })],
  primary: null,
  hasOutOfBand: false,
  email: 'ana@acme.example',
  verified: null,
  verifiedText: null,
  notes: null,
  url: null,
  authority: false,
  confirm: null,
  ...over,
});

describe('formatVCard', () => {
  test('writes a vCard 3.0 with CRLF lines, escaped text and E.164 numbers', () => {
    expect(formatVCard(contact()).split('\r\n')).toEqual([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Ana María Ruiz',
      'N:Ruiz;Ana María;;;',
      'ORG:Acme\\, Inc.',
      'TITLE:Lead\\, IT\\; Ops',
      'TEL;TYPE=CELL:+15035550142',
      'EMAIL;TYPE=INTERNET:ana@acme.example',
      'END:VCARD',
      '',
    ]);
  });

  test('never writes a private number, even when handed one', () => {
    const card = formatVCard(
      contact({ phones: [phone('+1 971 555 0199', '+19715550199', { private: true }), phone('0123 456', null)] }),
    );
    expect(card).not.toContain('971');
    expect(card).toContain('TEL;TYPE=VOICE:0123 456');
  });

  test('stores a number dialled only inside its country as its national digits, never as +61 1300', () => {
    const local = { ...phone('1300 123 456', '1300123456;phone-context=+61'), dial: '1300123456' };
    const card = formatVCard(contact({ phones: [local] }));
    expect(card).toContain('TEL;TYPE=VOICE:1300123456\r\n');
    expect(card).not.toMatch(/\+61|phone-context/);
  });
});

describe('vcardLinks', () => {
  test('links only contacts that have a publishable phone', () => {
    const onlyPrivate = contact({ id: 'priv', phones: [phone('+1 971 555 0199', '+19715550199', { private: true })] });
    expect(vcardLinks([contact(), onlyPrivate])).toEqual([
      { id: 'ana-ruiz', name: 'Ana María Ruiz', href: 'vcard/ana-ruiz.vcf' },
    ]);
  });
});
