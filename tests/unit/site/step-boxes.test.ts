import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { stepsOf } from '../../../src/render/steps.ts';
import { addStepBoxes, markSteps } from '../../../src/site/step-boxes.ts';
import { tempDir } from '../../helpers/cli.ts';

// The site's step boxes carry the ids render/steps.ts gives the same page, so what a device logs is
// what the after-action report lists: checked here against stepsOf itself.

/** A checklist table as Astro renders it (empty checkbox column first). */
function table(phase: string, rows: string[]): string {
  const body = rows.map((r) => `<tr>\n<td></td>\n<td>${r}</td>\n<td>Scribe</td>\n<td></td>\n<td></td>\n</tr>`);
  return `<div class="checklist"><table>\n<thead>\n<tr>\n<th></th>\n<th>${phase}</th>\n<th>Who</th>\n<th>Initials</th>\n<th>Time</th>\n</tr>\n</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table></div>`;
}

const KEY_VALUE = '<table>\n<tbody>\n<tr>\n<td>Policy</td>\n<td>CYB-1</td>\n</tr>\n</tbody>\n</table>';
const PAGE = `<main><h1>Ransomware</h1>${table('1. Identify', ['Photograph the note.', 'Call the <a href="../triage/">insurer</a>.'])}${KEY_VALUE}${table('3. Contain', ['Isolate hosts.', '', 'Photograph the note.'])}</main>`;

const boxes = (html: string) => [...html.matchAll(/<input type="checkbox"[^>]*data-step="([^"]+)"[^>]*>/g)];

describe('markSteps', () => {
  test('puts one hidden box with the id stepsOf gives into the first cell of each step row, in order', () => {
    const { html, steps } = markSteps(PAGE, 'playbook-ransomware');
    const ids = stepsOf(PAGE, 'playbook-ransomware').map((s) => s.id);
    expect(steps).toBe(4);
    expect(boxes(html).map((m) => m[1])).toEqual(ids);
    expect(new Set(ids).size).toBe(4); // the repeated text got an id of its own
    for (const [box] of boxes(html)) expect(box).toMatch(/ hidden>$/);
  });

  test('names each box by its step cell, and leaves the ids of the page as they were', () => {
    const { html } = markSteps(PAGE, 'playbook-ransomware');
    for (const [box, id] of boxes(html)) {
      const cell = /aria-labelledby="([^"]+)"/.exec(box)?.[1] ?? '';
      expect(html).toContain(`<td id="${cell}">`);
      expect(cell).toBe(`step-${id?.split(':')[1]}`);
    }
    expect(stepsOf(html, 'playbook-ransomware')).toEqual(stepsOf(PAGE, 'playbook-ransomware'));
  });

  test('leaves header rows, blank form rows and key/value tables alone', () => {
    const { html } = markSteps(PAGE, 'playbook-ransomware');
    expect(html).toContain(KEY_VALUE);
    expect(html).toContain('<tr>\n<td></td>\n<td></td>\n<td>Scribe</td>');
    expect(html.match(/<th><\/th>/g)).toHaveLength(2);
  });

  test('a page without step tables is returned unchanged', () => {
    expect(markSteps(`<p>x</p>${KEY_VALUE}`, 'contacts')).toEqual({ html: `<p>x</p>${KEY_VALUE}`, steps: 0 });
  });
});

describe('addStepBoxes', () => {
  test("marks each document page of a site by its folder's name, and nothing else", () => {
    const site = tempDir('irplan-step-boxes-');
    for (const dir of ['playbook-ransomware', 'contacts']) mkdirSync(join(site, dir));
    writeFileSync(join(site, 'playbook-ransomware', 'index.html'), PAGE);
    writeFileSync(join(site, 'contacts', 'index.html'), KEY_VALUE);
    writeFileSync(join(site, 'offline.html'), PAGE);
    expect(addStepBoxes(site)).toBe(4);
    expect(boxes(readFileSync(join(site, 'playbook-ransomware', 'index.html'), 'utf8'))[0]?.[1]).toMatch(
      /^playbook-ransomware:[0-9a-f]{12}$/,
    );
    expect(readFileSync(join(site, 'contacts', 'index.html'), 'utf8')).toBe(KEY_VALUE);
    expect(readFileSync(join(site, 'offline.html'), 'utf8')).toBe(PAGE);
  });
});
