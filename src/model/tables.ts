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
  groups: { id: string; label: string; when: string; message: string }[];
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
  regulations: {
    id: string;
    label: string;
    authority: string;
    deadline: string;
    deadline_hours: number;
    individuals: string;
    data?: string[];
  }[];
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
}

/** Each table's file under templates/data/ and the fields its entries must have. */
const SHAPES: Record<keyof Tables, Shape> = {
  roles: { file: 'roles.yaml', fields: { id: 'text', label: 'text', duty: 'text', backup: 'texts?' } },
  groups: { file: 'groups.yaml', fields: { id: 'text', label: 'text', when: 'text', message: 'text' } },
  severities: {
    file: 'severities.yaml',
    fields: { id: 'text', label: 'text', respond_within: 'text', criteria: 'texts', call: 'texts', first: 'texts?' },
  },
  incidents: { file: 'incidents.yaml', fields: { id: 'text', label: 'text', also_call: 'texts' } },
  checklists: { file: 'checklists.yaml', fields: { id: 'text', title: 'text', match: 'match', except: 'match?' } },
  regulations: {
    file: 'regulations.yaml',
    fields: {
      id: 'text',
      label: 'text',
      authority: 'text',
      deadline: 'text',
      deadline_hours: 'number',
      individuals: 'text',
      data: 'texts?',
    },
  },
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
};

/**
 * Reads the tables from a templates folder. They ship with the tool, but a consultant's own
 * templates/ folder replaces irplan's, so a missing or malformed table is a user error.
 */
export function loadTables(templatesDir: string): Tables {
  const out: Partial<Record<keyof Tables, unknown[]>> = {};
  for (const [name, shape] of Object.entries(SHAPES) as [keyof Tables, Shape][]) {
    out[name] = readTable(templatesDir, shape);
  }
  return out as Tables;
}
