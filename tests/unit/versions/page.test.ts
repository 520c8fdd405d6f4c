import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadMessages } from '../../../src/shared/messages.ts';
import { renderVersionsPage } from '../../../src/versions/page.ts';
import { REPO } from '../../helpers/cli.ts';

// The versions page is written beside the site; its dates follow the client's locale like the binder's.
const versions = [
  { version: '1.0.0', tag: 'acme@1.0.0', from: '2026-03-01', until: '2026-10-15', path: null },
  { version: '1.1.0', tag: 'acme@1.1.0', from: '2026-10-15', until: null, path: 'versions/1.1.0/' },
];

function page(locale: string): string {
  const messages = loadMessages(join(REPO, 'templates'), locale);
  return renderVersionsPage({ client: 'Acme', current: '1.1.0', versions, base: '/', locale, messages });
}

describe('the versions page', () => {
  test('writes the dates each version was in force for the locale, the day before the next release as its end', () => {
    const html = page('en-GB');
    expect(html).toContain('<td>1 March 2026</td><td>14 October 2026</td>');
    expect(html).toContain('<td>15 October 2026</td><td>in force now</td>');
  });

  test('keeps ISO dates in the data attributes the date lookup compares', () => {
    const html = page('en-US');
    expect(html).toContain('data-from="2026-03-01" data-until="2026-10-15"');
    expect(html).toContain('<td>March 1, 2026</td><td>October 14, 2026</td>');
  });
});
