import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../helpers/examples.ts';

// The binder of a client whose insurer requires consent for system changes and for engaging
// vendors (tests/fixtures/clients/consent-clinic), built with its PDFs and read as printed.
const slug = 'consent-clinic';
let out = '';
let result: ReturnType<typeof irplan>;

beforeAll(() => {
  const root = tempDir('irplan-consent-');
  copyExamples(root);
  copyFixtureClient(root, slug);
  out = join(root, 'dist');
  result = irplan(['build', slug, '--no-docx', '--out', out], { cwd: root });
});

const manifest = () => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
/** Reading order, whitespace collapsed, typographic apostrophes made plain. */
const text = (rel: string) =>
  tool('pdftotext', [join(out, slug, rel), '-'])
    .replace(/\s+/g, ' ')
    .replace(/\u2019/g, "'");
const pages = (rel: string) => Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [join(out, slug, rel)]))?.[1]);

describe('the consent clinic binder', () => {
  test('builds', () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
  });

  test('the claim-cost and business-interruption log has its own checklist PDF in the manifest', () => {
    const listed: string[] = manifest().outputs.checklists;
    const file = `pdf/${slug}-cost-log.pdf`;
    expect(listed).toContain(file);
    expect(existsSync(join(out, slug, file))).toBe(true);
    expect(pages(file)).toBeLessThanOrEqual(2);
    const log = text(file);
    expect(log).toContain('Claim-cost and business-interruption log');
    expect(log).toContain('hour 0');
    expect(log).toContain('Patient records server EHR01');
    expect(text(manifest().outputs.binder)).toContain('Claim-cost and business-interruption log');
  });

  test('the ransomware checklist isolates at once and keeps the STOP on rebuilding', () => {
    const t = text(`pdf/${slug}-playbook-ransomware.pdf`);
    const isolate = /Isolate affected hosts.*?Technical lead/.exec(t)?.[0] ?? '';
    expect(isolate).toContain('Do it now; log it and tell Harborline Mutual.');
    expect(isolate).not.toContain('STOP');
    const rebuild = /rebuild affected hosts from clean media.*?Technical lead/.exec(t)?.[0] ?? '';
    expect(rebuild).toContain("STOP: get Harborline Mutual's consent first.");
    expect(rebuild).toContain('Policy condition: Affected systems are not rebuilt or restored');
  });

  test('the first 15 minutes fit one page, isolate now and name who gives notice', () => {
    const file = `pdf/${slug}-first-15-minutes.pdf`;
    expect(pages(file)).toBe(1);
    const t = text(file);
    expect(t).toContain('order of volatility');
    expect(/Isolate the computer now.*?Whoever noticed/.exec(t)?.[0]).not.toContain('STOP');
    expect(t).toMatch(/Executive sponsor \(Omar Haddad\) or broker \(Sam Ortiz\)/);
  });
});
