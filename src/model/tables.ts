import { readJurisdictions } from '../plan/index.ts';
import type { Jurisdiction } from '../plan/index.ts';
import type { DomesticRange } from '../shared/index.ts';
import { readTable } from './tablefile.ts';
import type { Shape } from './tablefile.ts';

import type { MatchRule } from './match.ts';
import { RESPONSE_SHAPES } from './response-tables.ts';
import type { ResponseTables } from './response-tables.ts';

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
  /** An EDR product's way of isolating a host from its console. */
  isolate?: string;
}

/** The domain tables in templates/data/: the knowledge a consultant can read and edit. */
export interface Tables extends ResponseTables {
  roles: { id: string; label: string; duty: string; backup?: string[] }[];
  /** `authorities` names the kinds of public authority that join the group (jurisdiction data). */
  /** `consent`: the consent actions that contacting the group is (a policy requiring one marks it STOP). */
  groups: { id: string; label: string; when: string; message: string; authorities?: string[]; consent?: string[] }[];
  /** Most severe first: the order ranks assets as well. */
  severities: {
    id: string;
    label: string;
    respond_within: string;
    criteria: string[];
    call: string[];
    first?: string[];
  }[];
  /** `match`/`except`, `products` and `flows` choose the clients that get the type (none: every client). */
  incidents: {
    id: string;
    label: string;
    also_call: string[];
    match?: MatchRule;
    except?: MatchRule;
    products?: string[];
    flows?: string[];
  }[];
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
  /** Numbers each country cannot be dialled into from abroad (1300 numbers): they get a local tel: link. */
  domesticNumbers: DomesticRange[];
  /** Countries' laws and authorities (templates/data/jurisdictions/), read apart: each file is a document. */
  jurisdictions: Jurisdiction[];
  /** Technical terms with their plain-language definitions, and the words that need none. */
  glossary: GlossaryEntry[];
  /** The CSF 2.0 Respond and Recover subcategories and what in a plan covers each (`irplan coverage`). */
  coverage: CoverageEntry[];
  /** The responsibility chart: per phase, the roles accountable, responsible, consulted and informed. */
  raci: ({ id: string; label: string; summary: string } & Record<RaciLetter, string[]>)[];
  /** Per severity, the roles whose holders may declare an incident of it, in the order to try them. */
  declaring: { severity: string; roles: string[] }[];
  /** What logs a kind of asset keeps and how long they last by default (the preparation checklist). */
  logSources: { id: string; logs: string; match: MatchRule; except?: MatchRule; retention: string[]; check?: string }[];
}

/** The four letters of the responsibility chart, as raci.yaml names them. */
export type RaciLetter = 'accountable' | 'responsible' | 'consulted' | 'informed';

/** One entry of templates/data/glossary.yaml: a term with its definition, or a word that needs none. */
export interface GlossaryEntry {
  term: string;
  /** Regular expressions that find the term in text (model/glossary.ts, compilePatterns). */
  patterns: string[];
  definition?: string;
  /** Why the word needs no entry (a name of an organisation, a law, a place): never printed. */
  not_technical?: string;
}

/** One subcategory of templates/data/coverage.yaml; the comment at its top says what each field means. */
export interface CoverageEntry {
  id: string;
  function: string;
  category: string;
  text: string;
  recommendation: string;
  where: string[];
  named: string[];
  named_field: string;
  requires?: string[];
  missing_field?: string;
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
  ...RESPONSE_SHAPES,
  roles: { file: 'roles.yaml', fields: { id: 'text', label: 'text', duty: 'text', backup: 'texts?' } },
  groups: {
    file: 'groups.yaml',
    fields: { id: 'text', label: 'text', when: 'text', message: 'text', authorities: 'texts?', consent: 'texts?' },
  },
  severities: {
    file: 'severities.yaml',
    fields: { id: 'text', label: 'text', respond_within: 'text', criteria: 'texts', call: 'texts', first: 'texts?' },
  },
  incidents: {
    file: 'incidents.yaml',
    fields: {
      id: 'text',
      label: 'text',
      also_call: 'texts',
      match: 'match?',
      except: 'match?',
      products: 'texts?',
      flows: 'texts?',
    },
  },
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
      isolate: 'text?',
    },
  },
  raci: {
    file: 'raci.yaml',
    fields: {
      id: 'text',
      label: 'text',
      summary: 'text',
      accountable: 'texts',
      responsible: 'texts',
      consulted: 'texts',
      informed: 'texts',
    },
  },
  declaring: { file: 'declaring.yaml', fields: { severity: 'text', roles: 'texts' } },
  logSources: {
    file: 'log-sources.yaml',
    fields: { id: 'text', logs: 'text', match: 'match', except: 'match?', retention: 'texts', check: 'text?' },
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
  domesticNumbers: { file: 'domestic-numbers.yaml', fields: { country: 'text', pattern: 'text' } },
  glossary: {
    file: 'glossary.yaml',
    fields: { term: 'text', patterns: 'texts', definition: 'text?', not_technical: 'text?' },
  },
  coverage: {
    file: 'coverage.yaml',
    fields: {
      id: 'text',
      function: 'text',
      category: 'text',
      text: 'text',
      recommendation: 'text',
      where: 'texts',
      named: 'texts',
      named_field: 'text',
      requires: 'texts?',
      missing_field: 'text?',
    },
  },
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
