import { describe, expect, test } from 'vitest';
import { dropEmptyHeads } from '../../../src/site/table-heads.ts';

// Key/value tables are written with an empty Markdown header row (`| | |`); the HTML must not draw it.
const keyValue =
  '<table>\n<thead>\n<tr>\n<th></th>\n<th></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Notify</td>\n<td>HHS</td>\n</tr>\n</tbody>\n</table>';

describe('dropEmptyHeads', () => {
  test('removes a header row whose cells are all empty and keeps the body', () => {
    expect(dropEmptyHeads(keyValue)).toBe(
      '<table>\n<tbody>\n<tr>\n<td>Notify</td>\n<td>HHS</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  test('also when the empty cells carry an alignment', () => {
    expect(
      dropEmptyHeads('<table><thead><tr><th align="left"></th><th></th></tr></thead><tbody></tbody></table>'),
    ).toBe('<table><tbody></tbody></table>');
  });

  test('keeps a header row with any heading, even when its first cell is empty (the checklists)', () => {
    const checklist =
      '<table>\n<thead>\n<tr>\n<th></th>\n<th>Step</th>\n<th>Who</th>\n</tr>\n</thead>\n<tbody></tbody>\n</table>';
    expect(dropEmptyHeads(checklist)).toBe(checklist);
  });

  test('handles every table of a page, one at a time', () => {
    const withHeading = '<table><thead><tr><th>Rule</th></tr></thead><tbody></tbody></table>';
    const out = dropEmptyHeads(`${keyValue}\n${withHeading}\n${keyValue}`);
    expect(out.match(/<thead>/g)).toHaveLength(1);
    expect(out).toContain(withHeading);
  });
});
