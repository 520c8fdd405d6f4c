import { describe, expect, test } from 'vitest';
import { searchLanguage } from '../../../src/site/search.ts';

// The search index is in the plan's language (its stemmer), no longer forced to English.

describe('searchLanguage', () => {
  test("is the plan locale's language subtag, in lower case", () => {
    expect(searchLanguage('en-US')).toBe('en');
    expect(searchLanguage('de-DE')).toBe('de');
    expect(searchLanguage('fr-CA')).toBe('fr');
    expect(searchLanguage('zh-Hant-TW')).toBe('zh');
    expect(searchLanguage('en-XA')).toBe('en');
  });
});
