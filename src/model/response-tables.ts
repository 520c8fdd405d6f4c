import type { MatchRule } from './match.ts';
import type { Shape } from './tablefile.ts';

// The tables of recovery engineering, information sharing and ATT&CK names (issue 22), kept apart
// from tables.ts, which reads them with the others; the comment at the top of each file says what
// its fields mean.

/** One entry of templates/data/credential-resets.yaml: a group of accounts to reset, in order. */
export interface CredentialResetEntry {
  id: string;
  tier: string;
  accounts: string;
  how: string;
  match?: MatchRule;
  products?: string[];
  wait_hours?: number;
}

/** One entry of templates/data/isacs.yaml: a sector's information-sharing body. */
interface IsacEntry {
  id: string;
  name: string;
  url: string;
  industries: string[];
  countries?: string[];
  members: string;
  source: string;
}

/** The tables of this file, as loadTables adds them to the others. */
export interface ResponseTables {
  /** The order to reset credentials after an intruder held administrator rights. */
  credentialResets: CredentialResetEntry[];
  /** Days of heightened watch after recovery, per incident type. */
  watchPeriods: { incident: string; days: number }[];
  /** Information-sharing bodies by industry. */
  isacs: IsacEntry[];
  /** ATT&CK technique ids and names the playbooks cite ({{attack}}). */
  attack: { id: string; name: string }[];
}

/** Each table's file under templates/data/ and the fields its entries must have. */
export const RESPONSE_SHAPES: Record<keyof ResponseTables, Shape> = {
  credentialResets: {
    file: 'credential-resets.yaml',
    fields: {
      id: 'text',
      tier: 'text',
      accounts: 'text',
      how: 'text',
      match: 'match?',
      products: 'texts?',
      wait_hours: 'number?',
    },
  },
  watchPeriods: { file: 'watch-periods.yaml', fields: { incident: 'text', days: 'number' } },
  isacs: {
    file: 'isacs.yaml',
    fields: {
      id: 'text',
      name: 'text',
      url: 'text',
      industries: 'texts',
      countries: 'texts?',
      members: 'text',
      source: 'text',
    },
  },
  attack: { file: 'attack.yaml', fields: { id: 'text', name: 'text' } },
};
