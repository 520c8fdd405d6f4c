import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { stepId, stepsOf } from '../../../src/render/steps.ts';

// Step ids are the contract between the site's checkboxes, the devices' logs and the after-action
// report (INCIDENT-LOG-SPEC.md): the document and the step's visible text, hashed, nothing else.

/** A checklist table as Astro renders a template's Markdown (header row first, checkbox column empty). */
function table(phase: string, rows: string[], first = ''): string {
  const body = rows.map(
    (r) => `<tr>\n<td>${first}</td>\n<td>${r}</td>\n<td>Technical lead (Dev Patel)</td>\n<td></td>\n<td></td>\n</tr>`,
  );
  return `<div class="checklist">\n<table>\n<thead>\n<tr>\n<th></th>\n<th>${phase}</th>\n<th>Who</th>\n<th>Initials</th>\n<th>Time</th>\n</tr>\n</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table></div>`;
}

describe('stepId', () => {
  test('is the document and 12 hex of SHA-256 over "<doc>\\n<text>"', () => {
    const expected = createHash('sha256').update('playbook-ransomware\nPhotograph the ransom note.').digest('hex');
    expect(stepId('playbook-ransomware', 'Photograph the ransom note.')).toBe(
      `playbook-ransomware:${expected.slice(0, 12)}`,
    );
  });

  test('collapses whitespace first, and differs between documents', () => {
    expect(stepId('triage', '  Call   the\ninsurer ')).toBe(stepId('triage', 'Call the insurer'));
    expect(stepId('triage', 'Call the insurer')).not.toBe(stepId('first-15-minutes', 'Call the insurer'));
  });
});

describe('stepsOf', () => {
  test('lists each row of each step table in order, with the phase its table heads', () => {
    const html = `<h1>Playbook</h1>${table('1. Identify: confirm it.', ['Photograph the note.', 'Check backups.'])}<p>x</p>${table('3. Contain: stop it.', ['Isolate hosts.'])}`;
    const steps = stepsOf(html, 'playbook-ransomware');
    expect(steps.map((s) => [s.text, s.phase])).toEqual([
      ['Photograph the note.', '1. Identify: confirm it.'],
      ['Check backups.', '1. Identify: confirm it.'],
      ['Isolate hosts.', '3. Contain: stop it.'],
    ]);
    expect(steps[0]).toEqual({
      id: stepId('playbook-ransomware', 'Photograph the note.'),
      doc: 'playbook-ransomware',
      text: 'Photograph the note.',
      phase: '1. Identify: confirm it.',
    });
  });

  test('reads visible text: tags dropped, hidden page numbers left out, entities decoded, <br> a space', () => {
    const cell =
      'Run the triage checklist (see <a class="xref" href="../triage/">Triage</a><span class="xref-at" hidden data-pagefind-ignore>, p.<span class="xref-page">0</span></span>); <strong>STOP:</strong> ask Harbor &amp; Co&#46;<br>Policy condition: wait.';
    const [step] = stepsOf(table('Step', [cell]), 'triage');
    expect(step?.text).toBe('Run the triage checklist (see Triage); STOP: ask Harbor & Co. Policy condition: wait.');
  });

  test('a checkbox the site adds to the first cell does not change the id', () => {
    const plain = stepsOf(table('Step', ['Isolate hosts.']), 'triage');
    const ticked = stepsOf(table('Step', ['Isolate hosts.'], '<input type="checkbox" data-step="x">'), 'triage');
    expect(ticked).toEqual(plain);
  });

  test('skips tables that are not checklists and rows with an empty step cell', () => {
    const keyValue =
      '<table><thead><tr><th></th><th></th></tr></thead><tbody><tr><td>Policy</td><td>CYB-1</td></tr></tbody></table>';
    const people =
      '<table><thead><tr><th>Name</th><th>Phone</th></tr></thead><tbody><tr><td>Maria</td><td>+1</td></tr></tbody></table>';
    const form = table('Step', ['Record the cost.', '', '  ']);
    expect(stepsOf(keyValue + people + form, 'cost-log').map((s) => s.text)).toEqual(['Record the cost.']);
  });

  test('a text repeated in one document still gets an id of its own', () => {
    const steps = stepsOf(table('Step', ['Call the insurer.', 'Call the insurer.']), 'triage');
    expect(new Set(steps.map((s) => s.id)).size).toBe(2);
    expect(steps[0]?.id).toBe(stepId('triage', 'Call the insurer.'));
  });
});
