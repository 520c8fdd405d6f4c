import { describe, expect, test } from 'vitest';
import { lintTemplate } from '../../../src/render/template.ts';

// The lint is what keeps client data escaped: every raw output form must be found, with its
// position, and ordinary mustaches, comments and block helpers must pass.
describe('lintTemplate', () => {
  const at = (text: string) =>
    lintTemplate('t.md.hbs', text).map((e) => `${e.position?.line}:${e.position?.col} ${e.code}`);

  test.each([
    ['{{{client.name}}}', '1:1'],
    ['Name: {{& client.name}}', '1:7'],
    ['x\n  {{~& client.name}}', '2:3'],
    ['{{&client.name}}', '1:1'],
    ['{{~{client.name}~}}', '1:1'],
    ['{{{{raw}}}} {{x}} {{{{/raw}}}}', '1:1'],
  ])('finds raw output in %j at %s', (text, pos) => {
    expect(at(text)).toEqual([`${pos} IRP_TEMPLATE_RAW`]);
  });

  test('reports every raw form, not only the first', () => {
    expect(at('{{{a}}}\n{{b}}\n{{&c}}')).toEqual(['1:1 IRP_TEMPLATE_RAW', '3:1 IRP_TEMPLATE_RAW']);
  });

  test('escaped output, comments, partials and blocks pass', () => {
    expect(
      at('{{client.name}} {{! a comment }} {{> call-list}}\n{{#each contacts}}{{name}}{{/each}} {{tel phone}}'),
    ).toEqual([]);
  });
});
