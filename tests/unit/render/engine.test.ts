import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import { compile } from '../../../src/render/engine.ts';
import type { TemplateFile } from '../../../src/render/template.ts';

function template(body: string, file = `/t/${Math.random()}.md.hbs`): TemplateFile {
  return { rel: 'x.md.hbs', file, meta: { id: 'x', title: 'X', order: 1, kind: 'section' }, body, bodyLine: 3 };
}

describe('compile', () => {
  test('escapes for Markdown, in the template and in its partials', () => {
    const fn = compile(template('{{name}} {{> who}}'));
    expect(fn({ name: '<b>', other: 'a@b' }, { partials: { who: '{{other}}' } })).toBe('&#60;b&#62; a\u2060&#64;b');
  });

  test("leaves the global Handlebars instance's HTML escape alone", () => {
    compile(template('{{name}}'))({ name: '<b>' });
    expect(Handlebars.compile('{{name}}')({ name: '<b>' })).toBe('&lt;b&gt;');
  });

  test('refuses helpers it does not know, at compile time', () => {
    expect(() => compile(template('{{nosuch name}}'))({ name: 'x' })).toThrow(/nosuch/);
  });

  test('a changed body at the same path is compiled again', () => {
    const file = '/t/same.md.hbs';
    expect(compile(template('a {{n}}', file))({ n: 1 })).toBe('a 1');
    expect(compile(template('b {{n}}', file))({ n: 1 })).toBe('b 1');
  });
});
