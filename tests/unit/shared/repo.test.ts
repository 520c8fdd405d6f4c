import { describe, expect, test } from 'vitest';
import { clientDirty, clientEpoch, clientStamp } from '../../../src/shared/repo.ts';
import type { RepoState } from '../../../src/shared/repo.ts';

const state: RepoState = {
  dirty: ['plans/acme/plan.yaml'],
  tags: [],
  log: [
    { commit: 'c3', epochSeconds: 300, paths: ['plans/other/plan.yaml'] },
    { commit: 'c2', epochSeconds: 200, paths: ['templates/sections/01-intro.md.hbs'] },
    { commit: 'c1', epochSeconds: 100, paths: ['plans/acme/plan.yaml'] },
  ],
};

describe("a client's stamp", () => {
  test('is the newest commit that touched its folder, the defaults or the templates', () => {
    expect(clientStamp(state, 'acme', null)).toEqual({ commit: 'c2', epochSeconds: 200 });
    expect(clientStamp(state, 'other', null)).toEqual({ commit: 'c3', epochSeconds: 300 });
  });

  test('SOURCE_DATE_EPOCH wins over the commit time, the commit stays', () => {
    expect(clientStamp(state, 'acme', 42)).toEqual({ commit: 'c2', epochSeconds: 42 });
  });

  test('outside git the plan date is used, else 1970', () => {
    expect(clientEpoch({ commit: null, epochSeconds: null }, '2026-01-02')).toBe(1767312000);
    expect(clientEpoch({ commit: null, epochSeconds: null }, undefined)).toBe(0);
  });

  test('only its own uncommitted changes make a client dirty', () => {
    expect(clientDirty(state, 'acme')).toBe(true);
    expect(clientDirty(state, 'other')).toBe(false);
    expect(clientDirty(state, 'acm')).toBe(false);
  });
});
