import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { irplan, REPO, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples } from '../helpers/examples.ts';

// A translation is a folder to add, not a code change: a project with its own templates adds a
// pseudo-locale (en-XA) as one message file and one translated template, a client takes that
// locale, and its binder and site show the pseudo words where the translation has them and
// English everywhere else.
const slug = 'cedar-dental';
const PSEUDO_MESSAGES = `# Pseudo-locale: bracketed, accented, so an untranslated text stands out.
pdf.page_of: "[Þåğé {page} øƒ {pages}]"
pdf.contents: "[Çøñţéñţš]"
pdf.cover_emergency: "[Îñ åñ éɱéŕğéñçý, ţûŕñ ţø {section} (þåğé {page})]"
pdf.foot_version: "[Þļåñ {version}]"
site.start_here: "[Šţåŕţ ĥéŕé]"
render.see: "[šéé {target}{page_ref}]"
calls.no_insurance: "[Ñø çýƀéŕ îñšûŕåñçé]"
calls.msp_hotline: "[{msp} ĥøţļîñé]"
roles.who: "[{role} ⇒ {name}]"
rules.client_region: "[ţĥé šţåţé]"
rules.anywhere: "[åñýŵĥéŕé]"
assets.impact: "[{criticality} ţø øþéŕåţîøñš]"
clock.example_long: "[çļøçķ {start}: ðåý {day}, {time}]"
regulations.counsel: "[Åšķ çøûñšéļ]"
regulations.no_data: "[Ñø ðåţå]"
`;
const PSEUDO_TITLE = '[Ţĥé ƒîŕšţ 15 ɱîñûţéš]';

let out = '';
let result: ReturnType<typeof irplan>;

beforeAll(() => {
  const root = tempDir('irplan-locale-');
  copyExamples(root);
  const templates = join(root, 'templates');
  cpSync(join(REPO, 'templates'), templates, { recursive: true });
  writeFileSync(join(templates, 'messages', 'en-XA.yaml'), PSEUDO_MESSAGES);
  const rel = join('sections', '20-first-15-minutes.md.hbs');
  const translated = readFileSync(join(templates, rel), 'utf8')
    .replace(/^title: The first 15 minutes$/m, `title: "${PSEUDO_TITLE}"`)
    .replace(/^# The first 15 minutes$/m, `# ${PSEUDO_TITLE}`);
  expect(translated).toContain(`# ${PSEUDO_TITLE}`);
  mkdirSync(join(templates, 'locales', 'en-XA', 'sections'), { recursive: true });
  writeFileSync(join(templates, 'locales', 'en-XA', rel), translated);
  const planFile = join(root, 'plans', slug, 'plan.yaml');
  const plan = parseDocument(readFileSync(planFile, 'utf8'));
  plan.setIn(['client', 'locale'], 'en-XA');
  // A rule no data file knows: the regulatory section sends the reader to counsel, in the catalogue's words.
  plan.setIn(['regulations'], ['made-up-rule']);
  writeFileSync(planFile, plan.toString());
  out = join(root, 'dist');
  result = irplan(['build', slug, '--out', out], { cwd: root });
});

/** A PDF's text in reading order, whitespace collapsed. */
const pdfText = (rel: string) => tool('pdftotext', [join(out, slug, rel), '-']).replace(/\s+/g, ' ');
const page = (rel: string) => readFileSync(join(out, slug, 'site', rel, 'index.html'), 'utf8');

describe('a client in a pseudo-locale', () => {
  test('builds', () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
  });

  test('the binder shows the translated running feet, contents, cover and cross-references', () => {
    const text = pdfText(`pdf/${slug}-binder.pdf`);
    expect(text).toMatch(/\[Þåğé 2 øƒ \d+\]/);
    expect(text).not.toMatch(/Page \d+ of \d+/);
    expect(text).toContain('[Þļåñ 1.3.0]');
    expect(text).toContain('[Çøñţéñţš]');
    expect(text).toMatch(/\[Îñ åñ éɱéŕğéñçý, ţûŕñ ţø \[Ţĥé ƒîŕšţ 15 ɱîñûţéš\] \(þåğé \d+\)\]/);
    expect(text).toMatch(/\[šéé [^\]]+, p\. ?\d+\]/);
  });

  test('the words the model writes come from the catalogue: call lists, roles, reasons, impact, clocks, counsel', () => {
    const text = pdfText(`pdf/${slug}-binder.pdf`);
    const english = [
      'No cyber insurance on file',
      'incident hotline',
      'Incident commander (',
      "the client's state or province",
      'wherever the client is',
      'critical to operations',
      'clock starts on the 1st',
      'Confirm with legal counsel',
      'irplan has no data for this rule',
    ];
    for (const phrase of english) expect(text, phrase).not.toContain(phrase);
    expect(text).toContain('[Ñø çýƀéŕ îñšûŕåñçé]');
    expect(text).toMatch(/\[Bluefin [^\]]*ĥøţļîñé\]/);
    expect(text).toMatch(/\[Incident commander ⇒ [^\]]+\]/);
    expect(text).toContain('[ţĥé šţåţé]');
    expect(text).toContain('[åñýŵĥéŕé]');
    expect(text).toContain('[critical ţø øþéŕåţîøñš]');
    expect(text).toMatch(/\[çļøçķ 09:00: ðåý 61, 09:00\]/);
    expect(text).toContain('[Åšķ çøûñšéļ]');
    expect(text).toContain('[Ñø ðåţå]');
  });

  test('the translated template replaces the default; the rest falls back to English', () => {
    const text = pdfText(`pdf/${slug}-binder.pdf`);
    expect(text).toContain(PSEUDO_TITLE);
    expect(text).not.toContain('The first 15 minutes');
    // Untranslated: a message (the cover's labels) and a template (the roles section).
    expect(text).toContain('Classification');
    expect(text).toContain('Roles and responsibilities');
  });

  test('the site speaks the locale where it is translated and English elsewhere', () => {
    const start = page('.');
    expect(start).toContain('<html lang="en-XA"');
    expect(start).toContain('[Šţåŕţ ĥéŕé]');
    expect(start).toContain('Print and download');
    expect(page('first-15-minutes')).toContain(PSEUDO_TITLE);
  });
});
