import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import {
  escapeLinkText,
  escapeMarkdown,
  escapeMarkdownReadable,
  escapeText,
  trusted,
} from '../../../src/shared/markdown.ts';

// U+2060, the invisible word joiner that keeps GFM from turning a trigger into a link.
const J = '\u2060';

// The two forms of one rule: references for the site and the binder, backslashes for a pull-request
// comment. Both must break the same autolink triggers and drop the same invisible characters.
describe('escapeMarkdown', () => {
  test.each([
    ['www.example.com', `www${J}&#46;example&#46;com`],
    ['WWW.example.com', `WWW${J}&#46;example&#46;com`],
    ['http://x.example', `http${J}&#58;&#47;&#47;x&#46;example`],
    ['HTTPS://x', `HTTPS${J}&#58;&#47;&#47;x`],
    ['ftp://x', `ftp${J}&#58;&#47;&#47;x`],
    ['mailto:a', `mailto${J}&#58;a`],
    ['xmpp:a', `xmpp${J}&#58;a`],
    ['ana@example.com', `ana${J}&#64;example&#46;com`],
  ])('breaks the autolink in %j', (text, out) => {
    expect(escapeMarkdown(text)).toBe(out);
  });

  test('every ASCII punctuation character becomes a numeric reference, letters and digits stay', () => {
    expect(escapeMarkdown('[x](y) *a* <b>#1 | `c` _d_ ~e~ {{f}} & $g!')).toBe(
      '&#91;x&#93;&#40;y&#41; &#42;a&#42; &#60;b&#62;&#35;1 &#124; &#96;c&#96; &#95;d&#95; &#126;e&#126; &#123;&#123;f&#125;&#125; &#38; &#36;g&#33;',
    );
  });

  test('control characters and line breaks become spaces; direction marks are removed', () => {
    expect(escapeMarkdown('a\nb\r\nc\td\u0000e\u007ff\u2028g\u2029h')).toBe('a b  c d e f g h');
    expect(escapeMarkdown('a\u202eb\u200ec\u200fd\u2066e\u2069f\u202ag')).toBe('abcdefg');
  });

  test('a direction mark inside a trigger cannot hide it from the autolink rule', () => {
    expect(escapeMarkdown('ww\u200ew.example')).toBe(`www${J}&#46;example`);
    expect(escapeMarkdown('http\u202e:x')).toBe(`http${J}&#58;x`);
  });

  test('numbers and booleans print as text, other values as nothing, trusted Markdown as it is', () => {
    expect(escapeMarkdown(4.5)).toBe('4&#46;5');
    expect(escapeMarkdown(true)).toBe('true');
    expect(escapeMarkdown(null)).toBe('');
    expect(escapeMarkdown({ toString: () => '[x]' })).toBe('');
    expect(escapeMarkdown(trusted('[x](tel:1)'))).toBe('[x](tel:1)');
    expect(trusted('a')).toBeInstanceOf(Handlebars.SafeString);
  });
});

describe('escapeLinkText', () => {
  test('escapes like escapeMarkdown but leaves triggers whole: inside a link no autolink forms', () => {
    expect(escapeLinkText('ana@example.com')).toBe('ana&#64;example&#46;com');
    expect(escapeLinkText('[x]\n\u202ey')).toBe('&#91;x&#93; y');
  });
});

describe('escapeMarkdownReadable', () => {
  test('client text cannot become a link, HTML, code or a heading, and stays readable', () => {
    expect(escapeMarkdownReadable('# [x](https://evil.example) <b>`y`</b> *z* a|b ~c~ &amp; $d {e} _f_ \\')).toBe(
      `\\# \\[x\\](https${J}://evil.example) \\<b\\>\\\`y\\\`\\</b\\> \\*z\\* a\\|b \\~c\\~ \\&amp; \\$d \\{e\\} \\_f\\_ \\\\`,
    );
  });

  test.each([
    ['www.z.example', `www${J}.z.example`],
    ['http://x', `http${J}://x`],
    ['mailto:a', `mailto${J}:a`],
    ['xmpp:a', `xmpp${J}:a`],
    ['a@b.example', `a${J}@b.example`],
  ])('breaks the autolink in %j', (text, out) => {
    expect(escapeMarkdownReadable(text)).toBe(out);
  });

  test('control characters become spaces and direction marks are removed, as in escapeMarkdown', () => {
    expect(escapeMarkdownReadable('a\nb\u0007c\u202ed')).toBe('a b cd');
    expect(escapeMarkdownReadable('ww\u200ew.x')).toBe(`www${J}.x`);
  });
});

describe('escapeText', () => {
  test('wraps each web address in a span that may break, escaped like the text around it', () => {
    expect(escapeText('See https://ex.am/ple and www.x.org.')).toBe(
      `See <span class="url">${escapeMarkdown('https://ex.am/ple')}</span> and <span class="url">${escapeMarkdown('www.x.org.')}</span>`,
    );
  });

  test('text without an address, and trusted Markdown, are as escapeMarkdown leaves them', () => {
    expect(escapeText('a <b> & c')).toBe(escapeMarkdown('a <b> & c'));
    expect(escapeText(trusted('**x** https://y')).toString()).toBe('**x** https://y');
  });

  test('an address cannot smuggle markup: the span holds references only', () => {
    const out = escapeText('https://x.example/"><script>');
    expect(out).not.toContain('<script');
    expect(out.match(/<[a-z/]/g)).toEqual(['<s', '</']);
    expect(out).toContain('&#34;&#62;&#60;script&#62;');
  });
});
