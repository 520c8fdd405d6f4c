// The step boxes of the playbook and checklist pages (src/site/step-boxes.ts puts them in, hidden):
// with an incident open they appear, show what this device has ticked, and log each tick and untick.
import type { Session } from './session.ts';
import { record } from './session.ts';
import type { Entry } from './store.ts';
import { listEntries } from './store.ts';

/** The latest tick of each step, for the steps whose latest entry is a tick. */
function ticked(entries: Entry[]): Map<string, Entry> {
  const state = new Map<string, Entry>();
  for (const e of entries) {
    if (e.kind === 'step' && e.step) state.set(e.step, e);
    else if (e.kind === 'untick' && e.step) state.delete(e.step);
  }
  return state;
}

/** The step's text as the reader sees it (its cell names the box), whitespace collapsed. */
function stepText(box: HTMLInputElement): string {
  const cell = document.getElementById(box.getAttribute('aria-labelledby') ?? '');
  // biome-ignore lint/performance/useDomNodeTextContent: innerText leaves out hidden parts (the binder's page numbers), as a reader sees the step.
  return (cell?.innerText ?? '').replace(/\s+/g, ' ').trim();
}

/** Shows who ticked the step and when (HH:MM in the client's zone) beside its box. */
function show(box: HTMLInputElement, tick: Entry | undefined): void {
  box.checked = tick !== undefined;
  let note = box.nextElementSibling;
  if (!note?.classList.contains('step-by')) {
    note = document.createElement('span');
    note.className = 'step-by';
    box.after(note);
  }
  note.textContent = tick ? `${tick.by} ${tick.time.slice(11, 16)}` : '';
}

/** Logs a change of one box; a failed write puts the box back as it was. */
async function toggle(session: Session, box: HTMLInputElement): Promise<void> {
  const step = box.dataset.step ?? '';
  box.disabled = true;
  try {
    const entry = await record(session, { kind: box.checked ? 'step' : 'untick', step, text: stepText(box) });
    show(box, entry.kind === 'step' ? entry : undefined);
  } catch {
    box.checked = !box.checked;
  } finally {
    box.disabled = false;
  }
}

/** Shows this page's step boxes with the state of the open incident; returns how many there are. */
export async function enableSteps(session: Session): Promise<number> {
  const boxes = [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox][data-step]')];
  if (boxes.length === 0) return 0;
  const state = ticked(await listEntries(session.db, session.incident.id));
  for (const box of boxes) {
    show(box, state.get(box.dataset.step ?? ''));
    box.hidden = false;
    box.addEventListener('change', () => void toggle(session, box));
  }
  return boxes.length;
}
