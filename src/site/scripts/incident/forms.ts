// The forms of an open incident: notes and decisions, costs, the insurer's consents, severity
// changes, recovery and who uses the device. Each writes one log entry (session.ts, record).
import type { EntryFields, Session } from './session.ts';
import { record } from './session.ts';
import { putIncident, setValue } from './store.ts';
import { say } from './words.ts';
import { isoInZone } from './zone.ts';

/** A trimmed text field of a form; '' when absent. */
function text(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** `{ text }` when the field has some, else nothing: an entry has no empty fields. */
function optional(form: HTMLFormElement, name: string): { text?: string } {
  const value = text(form, name);
  return value ? { text: value } : {};
}

/** What each log form writes: the entry's fields, or an error message to show instead. */
const ENTRIES: Record<string, (form: HTMLFormElement, kind: string) => EntryFields | string> = {
  note: (form, kind) => {
    const note = text(form, 'note');
    return note ? { kind: kind === 'decision' ? 'decision' : 'note', text: note } : say('site.incident_error_note');
  },
  cost: (form) => {
    const amount = Number(text(form, 'amount'));
    const currency = text(form, 'currency').toUpperCase();
    if (!Number.isFinite(amount) || text(form, 'amount') === '' || !/^[A-Z]{3}$/.test(currency))
      return say('site.incident_error_cost');
    return { kind: 'cost', amount, currency, ...optional(form, 'description') };
  },
  consent: (form) => {
    const [who, scope] = [text(form, 'insurer_contact'), text(form, 'scope')];
    if (!who || !scope) return say('site.incident_error_consent');
    return { kind: 'consent', insurer_contact: who, scope, ...optional(form, 'details') };
  },
  severity: (form) => ({ kind: 'severity', severity: text(form, 'change-severity') }),
};

/** Shows a form's message (an error, or what was saved) in its status element. */
function status(form: HTMLFormElement, message: string): void {
  const out = form.querySelector('[data-incident-status]');
  if (out) out.textContent = message;
}

/** Writes the entry a log form describes; the form is cleared once it is saved. */
async function submit(session: Session, form: HTMLFormElement, kind: string, done: () => void): Promise<void> {
  const make = ENTRIES[form.dataset.incidentForm ?? ''];
  if (!make) return;
  const fields = make(form, kind);
  if (typeof fields === 'string') return status(form, fields);
  await record(session, fields);
  if (fields.kind === 'severity' && fields.severity) {
    session.incident.severity = fields.severity;
    await putIncident(session.db, session.incident);
  } else form.reset();
  status(form, say('site.incident_saved'));
  done();
}

/** Declares recovery now: a decision in the log, and the start of the after-action clock. */
export async function declareRecovery(session: Session): Promise<void> {
  session.incident.recovered = isoInZone(Date.now(), session.site.zone);
  await putIncident(session.db, session.incident);
  await record(session, { kind: 'decision', text: say('site.incident_recovered_text') });
}

/** Changes who uses this device: the entries written from now on carry the new name. */
async function changePerson(session: Session, form: HTMLFormElement): Promise<void> {
  const by = text(form, 'person');
  if (!by) return status(form, say('site.incident_error_by'));
  session.by = by;
  await setValue(session.db, 'by', by);
  status(form, say('site.incident_saved'));
}

/** Wires the log forms of the page to the open incident; `done` runs after each saved entry. */
export function wireForms(page: HTMLElement, session: Session, done: () => void): void {
  for (const form of page.querySelectorAll<HTMLFormElement>('form[data-incident-form]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const button = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      const run =
        form.dataset.incidentForm === 'person'
          ? changePerson(session, form)
          : submit(session, form, button?.value ?? '', done);
      run.catch((err: unknown) => status(form, say('site.incident_error_save', { error: String(err) })));
    });
  }
  const person = page.querySelector<HTMLInputElement>('input[name=person]');
  if (person) person.value = session.by;
}
