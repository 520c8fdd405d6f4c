import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { preview, UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import type { PositionMap } from './load.ts';
import { join2 } from './load.ts';
import { closest } from '../shared/index.ts';
import type { Plan } from './types.ts';

const SCHEMA_URL = new URL('../schema/plan.schema.json', import.meta.url);

/** The plan schema, loaded once per process. */
export const planSchema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as SchemaNode;

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: string[];
  required?: string[];
  description?: string;
}

/** Where values are, so errors can point at them. */
export interface Located {
  data: unknown;
  positions: PositionMap;
  keyPositions: PositionMap;
  /** Position used when nothing closer is known (the client's plan.yaml). */
  fallback: Position;
}

let compiled: { full: ValidateFunction; partial: ValidateFunction } | undefined;

function validators() {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  // ajv-formats is CommonJS: Node's ESM import gives the module object, whose default is the plugin.
  const addFormats = (addFormatsPlugin as unknown as { default: typeof addFormatsPlugin.default }).default;
  addFormats(ajv, ['date', 'email']);
  compiled = { full: ajv.compile(planSchema), partial: ajv.compile(partialSchema()) };
  return compiled;
}

/** plans/defaults.yaml: the same format, but no section or field of a section is required. */
function partialSchema(): SchemaNode {
  const copy = structuredClone(planSchema) as SchemaNode & { $id?: string };
  copy.$id = `${copy.$id ?? 'plan'}-defaults`;
  delete copy.required;
  for (const prop of Object.values(copy.properties ?? {})) if (prop.type === 'object') delete prop.required;
  return copy;
}

/** Validates a merged client plan: schema first, then references and values the schema cannot check. */
export function validatePlan(input: Located): UserError[] {
  const { full } = validators();
  if (!full(input.data)) return schemaErrors(full.errors ?? [], input);
  return checkPlan(input.data as Plan, input);
}

/** Validates plans/defaults.yaml on its own: the same format, nothing required. */
export function validateDefaults(input: Located): UserError[] {
  const { partial } = validators();
  return partial(input.data) ? [] : schemaErrors(partial.errors ?? [], input);
}

function schemaErrors(errors: ErrorObject[], input: Located): UserError[] {
  // A value of the wrong type also fails its enum, pattern and format: report the type alone.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'type' || !wrongType.has(e.instancePath)).map((e) => schemaError(e, input));
}

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('/');
}

function posOf(input: Located, path: string, key = false): Position {
  const map = key ? input.keyPositions : input.positions;
  let p = path;
  for (;;) {
    const hit = map.get(p) ?? input.positions.get(p);
    if (hit) return hit;
    if (p === '') return input.fallback;
    p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
  }
}

/** Readable name of a value's place: contacts[0].phones[1].number */
export function dotted(path: string): string {
  if (path === '') return 'the plan';
  return path.split('/').reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function schemaAt(path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = planSchema;
  for (const seg of path === '' ? [] : path.split('/')) {
    node = /^\d+$/.test(seg) ? node?.items : node?.properties?.[seg];
  }
  return node;
}

function valueAt(data: unknown, path: string): unknown {
  let v = data;
  for (const seg of path === '' ? [] : path.split('/')) v = (v as Record<string, unknown> | undefined)?.[seg];
  return v;
}

function schemaError(e: ErrorObject, input: Located): UserError {
  const path = pathOf(e.instancePath);
  const where = dotted(path);
  const value = valueAt(input.data, path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(schemaAt(path)?.properties ?? {});
      const guess = closest(key, known);
      return new UserError('IRP_UNKNOWN_KEY', `unknown key "${preview(key)}" in ${where}`, {
        position: posOf(input, join2(path, key), true),
        hint: `${lookalikeNote(key)}${guess ? `did you mean \`${guess}\`?` : `allowed keys: ${known.join(', ')}`}`,
      });
    }
    case 'required': {
      const field = String((e.params as { missingProperty: string }).missingProperty);
      const desc = schemaAt(join2(path, field))?.description;
      return new UserError('IRP_REQUIRED', `${where} is missing the required field \`${field}\``, {
        position: posOf(input, path, true),
        hint: `add "${field}:"${desc ? ` (${desc.replace(/\.$/, '')})` : ''}`,
      });
    }
    case 'type':
      return typeError(e, input, path, value);
    case 'enum': {
      const allowed = (e.params as { allowedValues: string[] }).allowedValues;
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      return new UserError('IRP_ENUM', `${where} is "${preview(value)}", which is not one of the allowed values`, {
        position: posOf(input, path),
        hint: `${guess ? `did you mean \`${guess}\`? ` : ''}allowed: ${allowed.join(', ')}`,
      });
    }
    case 'format':
      return new UserError(
        'IRP_FORMAT',
        `${where} is not a valid ${String((e.params as { format: string }).format)}: "${preview(value)}"`,
        {
          position: posOf(input, path),
          hint:
            (e.params as { format: string }).format === 'date'
              ? 'write dates as YYYY-MM-DD, e.g. 2026-11-01'
              : 'write it like name@example.com',
        },
      );
    case 'pattern':
      return new UserError('IRP_PATTERN', `${where} has an invalid form: "${preview(value)}"`, {
        position: posOf(input, path),
        hint: patternHint(path),
      });
    case 'minItems':
      return new UserError(
        'IRP_EMPTY',
        `${where} needs at least ${String((e.params as { limit: number }).limit)} entry`,
        { position: posOf(input, path), hint: 'add one, e.g. - { number: "+1 503 555 0142", label: mobile }' },
      );
    default:
      return new UserError('IRP_SCHEMA', `${where} ${e.message ?? 'is invalid'}`, {
        position: posOf(input, path),
        hint: schemaAt(path)?.description ?? 'see src/schema/plan.schema.json',
      });
  }
}

/** Keys are ASCII; a key that only looks like one (Cyrillic а, full-width ｃ) is named as such. */
function lookalikeNote(key: string): string {
  const odd = [...new Set(key.match(/[^\x20-\x7e]/gu) ?? [])];
  if (odd.length === 0) return '';
  const codes = odd.slice(0, 3).map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `the key has non-ASCII look-alike characters (${codes.join(', ')}); retype it in plain ASCII. `;
}

function patternHint(path: string): string {
  if (path.endsWith('version')) return 'write versions as "MAJOR.MINOR.PATCH" in quotes, e.g. "2.1.0"';
  if (path.endsWith('color')) return 'write colours as "#rrggbb", e.g. "#1f4e79"';
  return 'ids are lower-case letters, digits and dashes, e.g. maria-lopez';
}

function typeError(e: ErrorObject, input: Located, path: string, value: unknown): UserError {
  const expected = String((e.params as { type: string }).type);
  const where = dotted(path);
  const got =
    value === null
      ? 'empty'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'a mapping'
          : typeof value === 'number' && !Number.isFinite(value)
            ? `${String(value)}`
            : `a ${typeof value}`;
  let hint =
    schemaAt(path)?.description ??
    `write ${expected === 'array' ? 'a list' : expected === 'object' ? 'a mapping' : `a ${expected}`}`;
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    // YAML reads 5035550142, 1.0 and yes as numbers and booleans; the source text is what the user meant.
    hint = `quote it: "${sourceText(posOf(input, path)) ?? String(value)}"`;
  } else if (expected === 'array' && typeof value === 'string') {
    hint = `write a list: [${value}]`;
  } else if (expected === 'boolean' && typeof value === 'string') {
    // YAML 1.2 reads yes/no/on/off as text; only true and false are booleans.
    hint = `write true or false (YAML reads "${preview(value, 20)}" as text)`;
  } else if (
    (expected === 'number' || expected === 'integer') &&
    (typeof value === 'string' || typeof value === 'number')
  ) {
    hint = 'write a plain number without quotes or units, e.g. 8';
  }
  return new UserError(
    'IRP_TYPE',
    `${where} must be ${expected === 'array' ? 'a list' : expected === 'object' ? 'a mapping' : `a ${expected}`}, not ${got}`,
    { position: posOf(input, path), hint },
  );
}

/**
 * The plain scalar written at a position, as typed: YAML turns `1.0` into 1 and `0x1F` into 31,
 * so a "quote it" hint built from the parsed value would suggest the wrong text.
 */
function sourceText(pos: Position): string | undefined {
  try {
    const line = readFileSync(pos.file, 'utf8').split(/\r?\n/)[pos.line - 1] ?? '';
    const token = (/^[^,\]}#]*/.exec(line.slice(pos.col - 1))?.[0] ?? '').trim();
    return token.length > 0 && token.length <= 40 ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Checks that the schema cannot express: unique ids, references, phone numbers, time zone. */
function checkPlan(plan: Plan, input: Located): UserError[] {
  const errors: UserError[] = [];
  const contactIds = uniqueIds(plan.contacts, 'contacts', 'contact', input, errors);
  const assetIds = uniqueIds(plan.assets ?? [], 'assets', 'asset', input, errors);
  uniqueIds(plan.data_flows ?? [], 'data_flows', 'data flow', input, errors);
  const refContact = (path: string, id: string | undefined) =>
    id !== undefined && checkRef(id, contactIds, 'contact', path, input, errors);
  refContact('plan/owner', plan.plan.owner);
  plan.plan.distribution?.forEach((id, i) => refContact(`plan/distribution/${i}`, id));
  refContact('msp/hotline', plan.msp?.hotline);
  refContact('insurance/broker', plan.insurance?.broker);
  refContact('continuity/bcp/owner', plan.continuity?.bcp?.owner);
  refContact('continuity/drp/owner', plan.continuity?.drp?.owner);
  plan.assets?.forEach((a, i) => {
    refContact(`assets/${i}/owner`, a.owner);
    a.depends_on?.forEach((d, j) => checkRef(d, assetIds, 'asset', `assets/${i}/depends_on/${j}`, input, errors));
  });
  plan.exercises?.forEach((x, i) =>
    x.participants?.forEach((p, j) => refContact(`exercises/${i}/participants/${j}`, p)),
  );
  plan.contacts.forEach((c, i) =>
    c.phones.forEach((ph, j) => checkPhone(ph.number, `contacts/${i}/phones/${j}/number`, input, errors)),
  );
  if (plan.insurance?.claims_hotline)
    checkPhone(plan.insurance.claims_hotline, 'insurance/claims_hotline', input, errors);
  plan.insurance?.panel?.forEach((p, i) => p.phone && checkPhone(p.phone, `insurance/panel/${i}/phone`, input, errors));
  checkTimezone(plan.client.timezone, input, errors);
  const period = plan.insurance?.period;
  if (period?.start && period.end && period.end < period.start) {
    errors.push(
      new UserError(
        'IRP_PERIOD',
        `the policy period ends (${preview(period.end)}) before it starts (${preview(period.start)})`,
        { position: posOf(input, 'insurance/period/end'), hint: 'check the dates on the policy declarations page' },
      ),
    );
  }
  return errors;
}

function uniqueIds(
  items: { id?: string }[],
  path: string,
  what: string,
  input: Located,
  errors: UserError[],
): Set<string> {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (item.id === undefined) return;
    const first = seen.get(item.id);
    if (first !== undefined) {
      const firstPos = posOf(input, `${path}/${first}/id`);
      errors.push(
        new UserError(
          'IRP_DUPLICATE_ID',
          `the ${what} id "${preview(item.id)}" is used twice (first at ${firstPos.file.split('/').slice(-2).join('/')}:${firstPos.line})`,
          {
            position: posOf(input, `${path}/${i}/id`),
            hint: `give each ${what} its own id, e.g. "${preview(item.id)}-2"`,
          },
        ),
      );
    } else seen.set(item.id, i);
  });
  return new Set(seen.keys());
}

function checkRef(
  id: string,
  known: Set<string>,
  what: string,
  path: string,
  input: Located,
  errors: UserError[],
): boolean {
  if (known.has(id)) return true;
  const guess = closest(id, known);
  errors.push(
    new UserError('IRP_UNKNOWN_REF', `${dotted(path)} names the ${what} "${preview(id)}", which does not exist`, {
      position: posOf(input, path),
      hint: guess
        ? `did you mean \`${guess}\`?`
        : `add a ${what} with id "${preview(id)}" or use one of: ${[...known].slice(0, 8).join(', ')}`,
    }),
  );
  return false;
}

function checkPhone(number: string, path: string, input: Located, errors: UserError[]): void {
  // Control and direction-override characters can make a number display differently from what is dialled.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(number)) {
    errors.push(
      new UserError('IRP_PHONE', `${dotted(path)} contains invisible control or direction characters`, {
        position: posOf(input, path),
        hint: 'retype the number with digits, spaces, dashes and a leading +',
      }),
    );
    return;
  }
  const parsed = parsePhoneNumberFromString(number, { defaultCountry: 'US' });
  if (!parsed || !parsed.isPossible()) {
    errors.push(
      new UserError('IRP_PHONE', `${dotted(path)} "${preview(number)}" is not a phone number that can be dialled`, {
        position: posOf(input, path),
        hint: 'write it in international form with a leading +, e.g. "+1 503 555 0142"',
      }),
    );
  }
}

/**
 * Building a time-zone formatter is one of the slowest checks (about 45 ms over 100 clients,
 * profiled), and a portfolio uses a handful of zones: each is checked once per process.
 */
const knownZones = new Map<string, boolean>();

function knownZone(tz: string): boolean {
  let ok = knownZones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    knownZones.set(tz, ok);
  }
  return ok;
}

function checkTimezone(tz: string | undefined, input: Located, errors: UserError[]): void {
  if (tz === undefined) return;
  if (!knownZone(tz)) {
    errors.push(
      new UserError('IRP_TIMEZONE', `client.timezone "${preview(tz)}" is not a known time zone`, {
        position: posOf(input, 'client/timezone'),
        hint: 'use an IANA name such as America/Los_Angeles or Europe/Berlin',
      }),
    );
  }
}
