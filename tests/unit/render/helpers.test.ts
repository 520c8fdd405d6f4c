import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel, loadTables } from '../../../src/model/index.ts';
import { collectTemplates, renderDocuments } from '../../../src/render/index.ts';
import { UserError } from '../../../src/shared/index.ts';
import { REPO } from '../../helpers/bin.ts';
import { tempDir } from '../../helpers/cli.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// A helper given the wrong kind of value, or an id that does not exist, is an error at the
// template's file:line:col: never an empty string or a silent fallback in the binder.
const tables = loadTables(join(REPO, 'templates'));
const model = buildModel(readFixturePlan('consent-clinic'), tables, {
  slug: 'consent-clinic',
  audience: 'print',
  buildDate: '2026-09-21',
  draft: false,
});
const META = '---\nid: alpha\ntitle: Alpha\norder: 1\nkind: section\n---\n';

/** Renders one section (and partials) from a fresh folder; the error it throws, or the body. */
function render(
  body: string,
  partials: Record<string, string> = {},
): { error?: UserError; body?: string; dir: string } {
  const dir = tempDir('irplan-helpers-');
  mkdirSync(join(dir, 'sections'));
  mkdirSync(join(dir, 'partials'));
  writeFileSync(join(dir, 'sections', 'a.md.hbs'), `${META}${body}`);
  for (const [name, text] of Object.entries(partials)) writeFileSync(join(dir, 'partials', `${name}.hbs`), text);
  try {
    return { body: renderDocuments(model, collectTemplates(dir, null))[0]?.body ?? '', dir };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { error: e, dir };
  }
}

describe('helpers refuse the wrong kind of value, at the call', () => {
  test.each([
    [
      'a string where a list is expected',
      'Intro.\n\nNames: {{names client.name "none"}}\n',
      3,
      8,
      /\{\{names\}\} takes a list of names/,
    ],
    ['a misspelled path (undefined)', 'x {{join scope.bakup ", "}}\n', 1, 3, /\{\{join\}\} .*nothing \(undefined/],
    ['a number where a phone is expected', 'Call {{tel 5}}\n', 1, 6, /\{\{tel\}\} takes a phone/],
    ['text where a date is expected', '{{date client.name}}\n', 1, 1, /\{\{date\}\} takes a date/],
    ['a list inside a subexpression', '{{#if (len client.name)}}x{{/if}}\n', 1, 7, /\{\{len\}\} takes a list/],
    ['too many arguments', '{{upper client.name "x"}}\n', 1, 1, /takes 1 argument, but was given 2/],
    [
      'an unknown consent id, with the nearest one',
      'Pay.{{stop "ransom-payments"}}\n',
      1,
      5,
      /did you mean "ransom-payment"/,
    ],
    ['an unknown kind of step', '{{step "isolate-hosts"}}\n', 1, 1, /unknown step kind "isolate-hosts"/],
  ])('%s', (_what, body, line, col, message) => {
    const { error, dir } = render(body);
    expect(error?.code).toBe('IRP_TEMPLATE');
    expect(error?.message).toMatch(message);
    // The front matter is 6 lines: body line 1 is file line 7.
    expect(error?.position).toEqual({ file: join(dir, 'sections', 'a.md.hbs'), line: line + 6, col });
    expect(error?.hint).toContain('docs/templates.md');
  });

  test('an error inside a partial points at the partial, not at the template that includes it', () => {
    const { error, dir } = render('Intro.\n\n{{> who}}\n', { who: 'Line one.\nCall {{tel client.name}}\n' });
    expect(error?.message).toMatch(/\{\{tel client\.name\}\}: \{\{tel\}\} takes a phone/);
    expect(error?.position).toEqual({ file: join(dir, 'partials', 'who.hbs'), line: 2, col: 6 });
  });

  test('values of the right kind render, client data still escaped', () => {
    const { body, error } = render(
      'N {{len contacts}} {{add 1 2}} {{upper "<b>"}} {{blank 3}} {{date plan.effective}} {{names scope.backup "no backups"}} {{stop "ransom-payment"}}{{stop "system-changes"}}\n',
    );
    expect(error).toBeUndefined();
    expect(body).toMatch(
      /^N \d+ 3 &#60;B&#62; \\_\\_\\_ October 1&#44; 2026 Backup server BK01 {2}\*\*STOP: get .+ consent first\.\*\*$/m,
    );
  });

  test('a known consent id the policy does not list prints nothing, as before', () => {
    const { body, error } = render('Step.{{stop "law-enforcement-contact"}}\n');
    expect(error).toBeUndefined();
    expect(body).toBe('Step.\n');
  });
});
