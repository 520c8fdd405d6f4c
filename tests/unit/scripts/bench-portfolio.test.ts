import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { generatePortfolio, OSES, SERVICES } from '../../../scripts/bench/portfolio.ts';
import { readClients } from '../../../src/plan/read.ts';
import { tempDir } from '../../helpers/cli.ts';

test('the benchmark portfolio validates, has every os and service (so every checklist applies), and is deterministic', () => {
  const [a, b] = [tempDir('irplan-bench-a-'), tempDir('irplan-bench-b-')] as [string, string];
  const slugs = generatePortfolio(a, 2);
  generatePortfolio(b, 2);
  const read = readClients(join(a, 'plans'), []);
  expect(read.errors).toEqual([]);
  expect(read.clients.map((c) => c.slug)).toEqual(slugs);
  for (const c of read.clients) {
    expect(c.plan.contacts.length).toBeGreaterThanOrEqual(40);
    expect(c.plan.assets?.length).toBe(150);
    expect(new Set(c.plan.assets?.map((x) => x.os))).toEqual(new Set(OSES));
    expect(new Set(c.plan.assets?.flatMap((x) => x.services ?? []))).toEqual(new Set(SERVICES));
  }
  for (const slug of slugs)
    expect(readFileSync(join(a, 'plans', slug, 'plan.yaml'), 'utf8')).toBe(
      readFileSync(join(b, 'plans', slug, 'plan.yaml'), 'utf8'),
    );
  for (const dir of [a, b]) rmSync(dir, { recursive: true, force: true });
}, 60_000);
