import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../../src/shared/html.ts';

describe('escapeHtml', () => {
  test('escapes the five characters that can change markup', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  test('an apostrophe cannot end a single-quoted attribute', () => {
    expect(`<td data-x='${escapeHtml("O'Brien' onclick='x")}'>`).toBe("<td data-x='O&#39;Brien&#39; onclick=&#39;x'>");
  });

  test('escapes an existing reference again, so text shows as typed', () => {
    expect(escapeHtml('&lt; &amp;')).toBe('&amp;lt; &amp;amp;');
  });

  test('leaves other text alone, non-ASCII included', () => {
    expect(escapeHtml('Café: 24/7, #1 (on call) — ok!')).toBe('Café: 24/7, #1 (on call) — ok!');
  });
});
