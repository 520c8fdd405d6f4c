import { describe, expect, test } from 'vitest';
import { clientDirty, clientEpoch, clientStamp, documentStamp } from '../../../src/shared/repo.ts';
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

describe("a document's stamp", () => {
  const history: RepoState = {
    dirty: [],
    tags: [],
    log: [
      { commit: 'c6', epochSeconds: 600, paths: ['plans/other/plan.yaml'] },
      { commit: 'c5', epochSeconds: 500, paths: ['templates/playbooks/phishing.md.hbs'] },
      { commit: 'c4', epochSeconds: 400, paths: ['templates/locales/fr/cards/wallet-card.md.hbs'] },
      { commit: 'c3', epochSeconds: 300, paths: ['templates/partials/call-list.hbs'] },
      { commit: 'c2', epochSeconds: 200, paths: ['plans/acme/plan.yaml'] },
      { commit: 'c1', epochSeconds: 100, paths: ['templates/data/products.yaml'] },
    ],
  };

  test("skips commits to other documents' templates and to other clients", () => {
    expect(documentStamp(history, 'acme', ['checklists/forensics-dns.md.hbs'], null)).toEqual({
      commit: 'c3',
      epochSeconds: 300,
    });
  });

  test('takes commits to its own template, and to a translation of it', () => {
    expect(documentStamp(history, 'acme', ['playbooks/phishing.md.hbs'], null).commit).toBe('c5');
    expect(documentStamp(history, 'acme', ['cards/wallet-card.md.hbs'], null).commit).toBe('c4');
  });

  test('without sources (the binder) it is the client stamp', () => {
    expect(documentStamp(history, 'acme', null, null)).toEqual(clientStamp(history, 'acme', null));
    expect(documentStamp(history, 'acme', null, null).commit).toBe('c5');
  });

  test('SOURCE_DATE_EPOCH wins', () => {
    expect(documentStamp(history, 'acme', ['checklists/forensics-dns.md.hbs'], 7).epochSeconds).toBe(7);
  });
});
