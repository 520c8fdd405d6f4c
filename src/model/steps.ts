import { UserError } from '../shared/index.ts';
import type { Plan } from '../plan/index.ts';
import type { Tables } from './tables.ts';

/** A kind of playbook step (templates/data/step-kinds.yaml) and the stipulations that govern it. */
export interface StepKindView {
  id: string;
  /** containment: done at once and reported; consent: waits where the policy requires consent. */
  class: 'containment' | 'consent';
  label: string;
  consent: string[];
  stipulations: string[];
}

const CLASSES = ['containment', 'consent'] as const;

/**
 * Each kind of playbook step from templates/data/step-kinds.yaml, with this client's policy
 * stipulations that govern it. A kind of an unknown class is refused: read as "consent" it would
 * hold containment back, read as "containment" it would skip a consent the policy requires.
 */
export function buildStepKinds(plan: Plan, tables: Tables): StepKindView[] {
  const stipulations = plan.insurance?.stipulations ?? [];
  return tables.stepKinds.map((k) => {
    const cls = CLASSES.find((c) => c === k.class);
    if (!cls)
      throw new UserError('IRP_TABLE', `step-kinds.yaml: \`class\` of ${k.id} must be containment or consent`, {
        hint: 'containment steps are done at once and reported; consent steps wait where the policy says so',
      });
    return {
      id: k.id,
      class: cls,
      label: k.label,
      consent: k.consent,
      stipulations: stipulations.filter((s) => mentions(s, k.words)),
    };
  });
}

/** Whether free text contains one of the stems, case ignored. */
export function mentions(text: string, words: string[]): boolean {
  const t = text.toLowerCase();
  return words.some((w) => t.includes(w.toLowerCase()));
}
