import { readJurisdictions } from '../plan/index.ts';
import type { Jurisdiction } from '../plan/index.ts';
import { readTable } from './tablefile.ts';
import type { Shape } from './tablefile.ts';

/** Which assets a rule picks: any listed service, operating system, kind, data kind or criticality. */
export interface MatchRule {
  os?: string[];
  services?: string[];
  kind?: string[];
  data?: string[];
  criticality?: string[];
}

/** A known product (templates/data/products.yaml): how it is named and which steps it picks. */
export interface ProductEntry {
  id: string;
  label: string;
  family?: string;
  names: string[];
  exact?: string[];
  sheets: string[];
  steps: string[];
  vendor?: string;
  self_export?: string[];
  retention?: string[];
}

/** The domain tables in templates/data/: the knowledge a consultant can read and edit. */
export interface Tables {
  roles: { id: string; label: string; duty: string; backup?: string[] }[];
  /** `authorities` names the kinds of public authority that join the group (jurisdiction data). */
  groups: { id: string; label: string; when: string; message: string; authorities?: string[] }[];
  /** Most severe first: the order ranks assets as well. */
  severities: {
    id: string;
    label: string;
    respond_within: string;
    criteria: string[];
    call: string[];
    first?: string[];
  }[];
  incidents: { id: string; label: string; also_call: string[] }[];
  /** `except` keeps assets out even when `match` takes them (a hosted service gets no server sheet). */
  checklists: { id: string; title: string; match: MatchRule; except?: MatchRule }[];
  consent: { id: string; label: string }[];
  dataKinds: { id: string; label: string }[];
  tlp: { id: string; rule: string }[];
  responseChecklists: { id: string; title: string }[];
  scopes: { id: string; match: MatchRule; except?: MatchRule }[];
  products: ProductEntry[];
  exposure: { incident: string; match: MatchRule; except?: MatchRule; data_raises: number }[];
  /** What a playbook step does, and whether it waits for the insurer's consent. */
  stepKinds: { id: string; class: string; label: string; consent: string[]; words: string[] }[];
  /** What an insurer's panel firm does (counsel, forensics), read from its free-text service. */
  panelServices: { id: string; label: string; words: string[] }[];
  /** The accountable-people rules of `irplan validate` and `irplan check`, one per warning code. */
  peopleRules: PeopleRule[];
  /** Countries' laws and authorities (templates/data/jurisdictions/), read apart: each file is a document. */
  jurisdictions: Jurisdiction[];
}

/** One accountable-people rule (templates/data/people-rules.yaml): the roles and limits behind a warning. */
export interface PeopleRule {
  code: string;
  roles: string[];
  stand_in?: string[];
  with?: string[];
  groups?: string[];
  max_hours?: number;
  words?: string[];
}

/** Each table's file under templates/data/ and the fields its entries must have. */
const SHAPES: Record<Exclude<keyof Tables, 'jurisdictions'>, Shape> = {
  roles: { file: 'roles.yaml', fields: { id: 'text', label: 'text', duty: 'text', backup: 'texts?' } },
  groups: {
    file: 'groups.yaml',
    fields: { id: 'text', label: 'text', when: 'text', message: 'text', authorities: 'texts?' },
  },
  severities: {
    file: 'severities.yaml',
    fields: { id: 'text', label: 'text', respond_within: 'text', criteria: 'texts', call: 'texts', first: 'texts?' },
  },
  incidents: { file: 'incidents.yaml', fields: { id: 'text', label: 'text', also_call: 'texts' } },
  checklists: { file: 'checklists.yaml', fields: { id: 'text', title: 'text', match: 'match', except: 'match?' } },
  consent: { file: 'consent.yaml', fields: { id: 'text', label: 'text' } },
  dataKinds: { file: 'data-kinds.yaml', fields: { id: 'text', label: 'text' } },
  tlp: { file: 'tlp.yaml', fields: { id: 'text', rule: 'text' } },
  responseChecklists: { file: 'response-checklists.yaml', fields: { id: 'text', title: 'text' } },
  scopes: { file: 'scopes.yaml', fields: { id: 'text', match: 'match', except: 'match?' } },
  products: {
    file: 'products.yaml',
    fields: {
      id: 'text',
      label: 'text',
      family: 'text?',
      names: 'texts',
      exact: 'texts?',
      sheets: 'texts',
      steps: 'texts',
      vendor: 'text?',
      self_export: 'texts?',
      retention: 'texts?',
    },
  },
  exposure: {
    file: 'exposure.yaml',
    fields: { incident: 'text', match: 'match', except: 'match?', data_raises: 'number' },
  },
  stepKinds: {
    file: 'step-kinds.yaml',
    fields: { id: 'text', class: 'text', label: 'text', consent: 'texts', words: 'texts' },
  },
  panelServices: { file: 'panel-services.yaml', fields: { id: 'text', label: 'text', words: 'texts' } },
  peopleRules: {
    file: 'people-rules.yaml',
    fields: {
      code: 'text',
      roles: 'texts',
      stand_in: 'texts?',
      with: 'texts?',
      groups: 'texts?',
      max_hours: 'number?',
      words: 'texts?',
    },
  },
};

/**
 * Reads the tables from a templates folder. They ship with the tool, but a consultant's own
 * templates/ folder replaces irplan's, so a missing or malformed table is a user error.
 */
export function loadTables(templatesDir: string): Tables {
  const out: Partial<Record<keyof Tables, unknown>> = {};
  for (const [name, shape] of Object.entries(SHAPES) as [keyof Tables, Shape][]) {
    out[name] = readTable(templatesDir, shape);
  }
  out.jurisdictions = readJurisdictions(templatesDir);
  return out as Tables;
}
