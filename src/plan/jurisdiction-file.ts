import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { UserError } from '../shared/index.ts';
import { nodeAt, schemaAt } from './schema.ts';
import type { SchemaNode } from './schema.ts';
import { schemaErrors } from './schema-errors.ts';
import type { Authority, JurisdictionRule } from './types.ts';
import { loadYamlFile } from './yaml.ts';

// A country's laws and authorities (templates/data/jurisdictions/<cc>.yaml). Rules and authorities have
// the shape of a plan's own `jurisdiction:` section, so both are checked by the same schema.

/** A subdivision with laws of its own: a US state, a Canadian province. */
interface Region {
  code: string;
  name: string;
  rules?: JurisdictionRule[];
  authorities?: Authority[];
}

/** One jurisdiction file. `country: "*"` holds rules that apply wherever the client is (PCI DSS). */
export interface Jurisdiction {
  country: string;
  name: string;
  locale?: string;
  paper?: 'a4' | 'letter';
  includes?: string[];
  members?: string[];
  rules?: JurisdictionRule[];
  authorities?: Authority[];
  regions?: Region[];
  /** The file it was read from, for messages. */
  file: string;
}

let compiled: { validate: ValidateFunction; schema: SchemaNode } | undefined;

function fileValidator(): { validate: ValidateFunction; schema: SchemaNode } {
  if (compiled) return compiled;
  const part = schemaAt('jurisdiction') as { properties: Record<string, unknown> };
  const { rules, authorities } = part.properties;
  const text = { type: 'string', maxLength: 200 };
  const region = {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'name'],
    properties: { code: { type: 'string', pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }, name: text, rules, authorities },
  };
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['country', 'name'],
    properties: {
      country: { type: 'string', pattern: '^([A-Z]{2}|\\*)$' },
      name: text,
      locale: { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' },
      paper: { enum: ['a4', 'letter'] },
      includes: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2,3}$' } },
      members: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
      rules,
      authorities,
      regions: { type: 'array', items: region },
    },
  };
  const validate = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);
  compiled = { validate, schema: schema as SchemaNode };
  return compiled;
}

/** Reads every jurisdiction file of a templates folder; a malformed one is a user error at its position. */
export function readJurisdictions(templatesDir: string): Jurisdiction[] {
  const dir = join(templatesDir, 'data', 'jurisdictions');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
  } catch (cause) {
    // Without the folder no law would be derived and every binder would say none applies: refuse instead.
    throw new UserError('IRP_TABLE', `the jurisdiction data folder ${dir} cannot be read`, {
      position: { file: dir, line: 1, col: 1 },
      hint: "a templates/ folder of your own needs irplan's data/jurisdictions/ too: copy it from irplan's templates",
      cause,
    });
  }
  const files = names.sort().map((name) => readOne(join(dir, name)));
  refuseDuplicates(files);
  return files;
}

/** A rule or authority id must be unique across files: a plan names it, and a second one would hide the first. */
function refuseDuplicates(files: Jurisdiction[]): void {
  const seen = new Map<string, string>();
  for (const f of files) {
    const lists: ({ id: string }[] | undefined)[] = [f.rules, f.authorities];
    for (const r of f.regions ?? []) lists.push(r.rules, r.authorities);
    for (const item of lists.flatMap((l) => l ?? [])) {
      const before = seen.get(item.id);
      if (before)
        throw new UserError('IRP_TABLE', `the id "${item.id}" is defined in ${before} and again in ${f.file}`, {
          position: { file: f.file, line: 1, col: 1 },
          hint: 'give each rule and authority an id of its own, e.g. prefixed with the country code',
        });
      seen.set(item.id, f.file);
    }
  }
}

function readOne(file: string): Jurisdiction {
  const loaded = loadYamlFile(file);
  const { validate, schema } = fileValidator();
  if (!validate(loaded.data)) {
    const located = { ...loaded, fallback: { file, line: 1, col: 1 } };
    const [first] = schemaErrors(validate.errors ?? [], located, (path) => nodeAt(schema, path));
    throw first ?? new UserError('IRP_TABLE', `${file}: not a jurisdiction file`, { position: located.fallback });
  }
  return { ...(loaded.data as unknown as Omit<Jurisdiction, 'file'>), file };
}
