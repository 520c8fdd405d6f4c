import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stepsOf } from '../render/index.ts';
import type { PlanStep } from '../render/index.ts';

// Incident mode ticks the steps of the playbooks and checklists on the device (issue 21). Each step
// row of a published page gets a checkbox in its empty first cell, named by the step's id from
// render/steps.ts (the same function the CLI lists steps with, so the ids in a device's log are the
// ids of the after-action report). The box is `hidden`: without JavaScript, or with no incident
// started, the page is the printed form it always was; the incident scripts show it.

const TABLE = /<table[\s>][\s\S]*?<\/table>/g;
const ROW = /<tr[\s>][\s\S]*?<\/tr>/g;
const CELL_OPEN = /<td(?=[\s>])/g;

/** The checkbox markup of one step; the step's own cell (given `cellId`) names it for screen readers. */
function box(step: PlanStep, cellId: string): string {
  return `<input type="checkbox" class="step-box" data-step="${step.id}" aria-labelledby="${cellId}" hidden>`;
}

/** One row with its checkbox in the first cell and an id on the step's cell. */
function markRow(row: string, step: PlanStep): string {
  const cellId = `step-${step.id.slice(step.id.lastIndexOf(':') + 1)}`;
  let n = 0;
  const tagged = row.replace(CELL_OPEN, (open) => (++n === 2 ? `${open} id="${cellId}"` : open));
  return tagged.replace(/<td(?:\s[^>]*)?>/, (open) => `${open}${box(step, cellId)}`);
}

/**
 * Adds a checkbox to every step row of one page whose document id is `doc`. The rows are found
 * table by table with stepsOf itself (a row is a step when stepsOf reads one from it), and take the
 * ids stepsOf gives the whole page, in order: the page and the CLI can never disagree on an id.
 */
export function markSteps(html: string, doc: string): { html: string; steps: number } {
  const all = stepsOf(html, doc);
  if (all.length === 0) return { html, steps: 0 };
  let next = 0;
  const out = html.replace(TABLE, (table) => {
    const head = table.match(/<thead[\s>][\s\S]*?<\/thead>/)?.[0];
    if (!head) return table;
    return table.replace(ROW, (row) => {
      if (head.includes(row)) return row;
      const [own] = stepsOf(`<table>${head}<tbody>${row}</tbody></table>`, doc);
      if (!own) return row;
      const step = all[next++];
      if (!step || step.text !== own.text)
        throw new Error(`step boxes: the rows of ${doc} do not match its steps at "${own.text.slice(0, 60)}"`);
      return markRow(row, step);
    });
  });
  if (next !== all.length) throw new Error(`step boxes: ${doc} has ${all.length} steps but ${next} rows were marked`);
  return { html: out, steps: next };
}

/** Marks the steps of every document page of a built site (<site>/<doc>/index.html); returns how many. */
export function addStepBoxes(siteDir: string): number {
  let count = 0;
  for (const entry of readdirSync(siteDir, { withFileTypes: true })) {
    const page = join(siteDir, entry.name, 'index.html');
    if (!entry.isDirectory() || !existsSync(page)) continue;
    const marked = markSteps(readFileSync(page, 'utf8'), entry.name);
    if (marked.steps === 0) continue;
    writeFileSync(page, marked.html);
    count += marked.steps;
  }
  return count;
}
