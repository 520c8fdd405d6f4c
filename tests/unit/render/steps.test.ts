import { describe, expect, test } from 'vitest';
import { englishMessages } from '../../../src/render/messages.ts';
import { stepNote, stopPoint } from '../../../src/render/steps.ts';
import type { StepKindView } from '../../../src/model/steps.ts';

// What a playbook step carries is decided by what it does: containment is done at once and
// reported, never held back by a consent stop; irreversible steps keep the stop where the policy
// requires consent; a policy condition prints inside the same row, beside the step it governs.
const kinds: StepKindView[] = [
  { id: 'isolate-host', class: 'containment', label: 'isolating', consent: [], stipulations: [] },
  { id: 'disable-account', class: 'containment', label: 'disabling', consent: [], stipulations: [] },
  {
    id: 'wipe',
    class: 'consent',
    label: 'wiping',
    consent: ['system-changes'],
    stipulations: ['Affected systems are not rebuilt before evidence is collected.'],
  },
  {
    id: 'restore',
    class: 'consent',
    label: 'restoring',
    consent: ['data-restoration', 'system-changes'],
    stipulations: [],
  },
  { id: 'ransom', class: 'consent', label: 'ransom', consent: ['ransom-payment'], stipulations: [] },
];
const policy = { consentIds: ['system-changes'], carrier: 'Harbor', consentLabels: new Map<string, string>() };
const say = (key: string, vars?: Record<string, string | number>) => englishMessages().text(key, vars);
const note = (p: typeof policy | null, ...ids: string[]) => String(stepNote(say, p, kinds, ids));

describe('step notes', () => {
  test('containment never carries a stop: it says do it now, log it and tell the carrier', () => {
    expect(note(policy, 'isolate-host')).toBe(' **Do it now;** log it and tell Harbor.');
    expect(note(policy, 'isolate-host', 'disable-account')).not.toContain('STOP');
  });

  test('containment prints nothing without insurance or without consent terms', () => {
    expect(note(null, 'isolate-host')).toBe('');
    expect(note({ ...policy, consentIds: [] }, 'isolate-host')).toBe('');
  });

  test('an irreversible step keeps the stop when the policy requires consent, with its stipulation beside it', () => {
    expect(note(policy, 'wipe')).toBe(
      " **STOP: get Harbor's consent first.**<br>**Policy condition:** Affected systems are not rebuilt before evidence is collected&#46;",
    );
    expect(note(policy, 'restore')).toContain('STOP');
  });

  test('a gated step whose consent the policy does not list carries no stop', () => {
    expect(note(policy, 'ransom')).toBe('');
    expect(note(null, 'wipe')).toBe('');
  });

  test('a step may not mix containment with a step that waits, and an unknown kind is refused', () => {
    expect(() => note(policy, 'isolate-host', 'wipe')).toThrow(/mixes containment \(isolate-host\)/);
    expect(() => note(policy, 'isolat')).toThrow(/unknown step kind "isolat"/);
  });

  test('stop marks any of several actions once', () => {
    expect(String(stopPoint(say, policy, ['data-restoration', 'system-changes']))).toBe(
      " **STOP: get Harbor's consent first.**",
    );
    expect(String(stopPoint(say, policy, ['ransom-payment']))).toBe('');
  });
});
