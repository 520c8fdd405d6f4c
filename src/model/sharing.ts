import type { Plan } from '../plan/index.ts';
import { mentions } from './steps.ts';
import type { Tables } from './tables.ts';

// Information sharing: the sector body (ISAC) that fits the client's industry, from
// templates/data/isacs.yaml. A body that takes members only in some countries is named only for
// a client whose country is one of them; a plan without a country gets none of those, never a guess.

/** A sector's information-sharing body as the communications plan names it. */
interface IsacView {
  name: string;
  url: string;
  members: string;
}

/** What the communications plan's information-sharing section reads. */
export interface SharingView {
  /** The bodies whose sector the client's industry names; empty when none fits or no industry is recorded. */
  isacs: IsacView[];
}

/** The information-sharing bodies for the client's industry and country. */
export function buildSharing(plan: Plan, tables: Tables): SharingView {
  const industry = plan.client.industry ?? '';
  const country = plan.client.country ?? null;
  const isacs = tables.isacs
    .filter((i) => industry !== '' && mentions(industry, i.industries))
    .filter((i) => i.countries === undefined || (country !== null && i.countries.includes(country)))
    .map(({ name, url, members }) => ({ name, url, members }));
  return { isacs };
}
