import type { ContactView, PhoneView, RoleView } from './types.ts';
import type { RegulationView } from './views.ts';

// The breach-coach pack: letters filled with the client's own people and the notices its rules
// require. Who speaks, who reviews and who signs come from the roles; a role nobody holds stays a
// blank to fill, never someone else's name.

/** What the breach-coach pack reads. */
export interface LettersView {
  /** The communications lead: the one voice outside, who takes the calls passed on. */
  spokesperson: ContactView | null;
  /** Legal counsel: reviews every letter before it is used. */
  counsel: ContactView | null;
  /** Counsel's number for letters sent outside: its first one that is neither out of band nor private. */
  counselPhone: PhoneView | null;
  /** The executive sponsor: signs the notices to authorities and to the people affected. */
  signatory: ContactView | null;
  /** The technical lead: whom staff call when they notice something. */
  technicalLead: ContactView | null;
  /** The rules that need a notice to an authority after a breach (those only a ransom payment brings are in the ransomware playbook). */
  notices: RegulationView[];
}

/** The people and notices of the breach-coach pack. */
export function buildLetters(roles: RoleView[], regulations: RegulationView[]): LettersView {
  const holder = (id: string) => roles.find((r) => r.id === id)?.primary ?? null;
  const counsel = holder('legal');
  return {
    spokesperson: holder('communications-lead'),
    counsel,
    // Out-of-band numbers keep the team reachable while its e-mail may be read; they stay inside it.
    counselPhone: counsel?.phones.find((p) => !p.outOfBand && !p.private) ?? null,
    signatory: holder('executive-sponsor'),
    technicalLead: holder('technical-lead'),
    notices: regulations.filter((r) => r.trigger === null),
  };
}
