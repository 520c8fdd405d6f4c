import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContactView } from '../model/index.ts';

/** Where the site keeps one vCard per contact, relative to the site root. */
const VCARD_DIR = 'vcard';

/** A link from the contacts page to a contact's card. */
export interface VCardLink {
  id: string;
  name: string;
  href: string;
}

/** Escapes a vCard 3.0 text value (RFC 2426 section 5: backslash, comma, semicolon, newline). */
function esc(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/([,;])/g, '\\$1')
    .replace(/\r?\n/g, '\\n');
}

/** Splits "Dr. Grace Kim" into family and given names the way phones file them: last word is the surname. */
function nameParts(name: string): { family: string; given: string } {
  const words = name.trim().split(/\s+/);
  const family = words.length > 1 ? (words.pop() ?? '') : '';
  return { family, given: words.join(' ') };
}

/**
 * One contact as a vCard 3.0 card, which every phone imports. It takes the site audience's
 * contact, so private numbers (already left out there) can never reach a published card.
 */
export function formatVCard(c: ContactView): string {
  const { family, given } = nameParts(c.name);
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${esc(c.name)}`, `N:${esc(family)};${esc(given)};;;`];
  if (c.organization) lines.push(`ORG:${esc(c.organization)}`);
  if (c.title) lines.push(`TITLE:${esc(c.title)}`);
  for (const p of c.phones) {
    if (p.private) continue; // belt and braces: the site model has none, a caller might pass print
    const type = /mobile|cell/i.test(p.label ?? '') ? 'CELL' : 'VOICE';
    // What the phone dials: E.164, or the national digits of a number that cannot be dialled from abroad
    // (a vCard 3.0 TEL is a plain number, with no room for a tel: link's phone-context).
    lines.push(`TEL;TYPE=${type}:${p.dial ?? esc(p.number)}`);
  }
  if (c.email) lines.push(`EMAIL;TYPE=INTERNET:${esc(c.email)}`);
  lines.push('END:VCARD');
  // RFC 2426 lines end in CRLF; some phones reject bare LF.
  return `${lines.join('\r\n')}\r\n`;
}

/** The links the contacts page shows, one per contact that has a phone to save. */
export function vcardLinks(contacts: ContactView[]): VCardLink[] {
  return contacts
    .filter((c) => c.phones.some((p) => !p.private))
    .map((c) => ({ id: c.id, name: c.name, href: `${VCARD_DIR}/${c.id}.vcf` }));
}

/** Writes site/vcard/<contact-id>.vcf for every linked contact. */
export function writeVCards(siteDir: string, contacts: ContactView[]): void {
  const dir = join(siteDir, VCARD_DIR);
  mkdirSync(dir, { recursive: true });
  const byId = new Map(contacts.map((c) => [c.id, c]));
  for (const link of vcardLinks(contacts)) {
    const contact = byId.get(link.id);
    if (contact) writeFileSync(join(dir, `${link.id}.vcf`), formatVCard(contact));
  }
}
