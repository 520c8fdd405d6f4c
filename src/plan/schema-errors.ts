import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { closest, preview, UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import { listSome } from './hints.ts';
import { dotted, join2, posOf } from './positions.ts';
import type { Located } from './positions.ts';
import { schemaAt } from './schema.ts';
import type { SchemaNode } from './schema.ts';

/** Finds the schema node of a path, for hints: the plan's schema unless a file has its own. */
type Lookup = (path: string) => SchemaNode | undefined;

/** Turns Ajv's errors into UserErrors that point at the value and say how to fix it. */
export function schemaErrors(errors: ErrorObject[], input: Located, lookup: Lookup = schemaAt): UserError[] {
  // A value of the wrong type also fails its enum, pattern and format: report the type alone.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  // A key of the wrong form fails its pattern (reported, naming the key) and propertyNames (not repeated).
  return errors
    .filter((e) => e.keyword !== 'propertyNames')
    .filter((e) => e.keyword === 'type' || !wrongType.has(e.instancePath))
    .map((e) => schemaError(e, input, lookup));
}

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('/');
}

function valueAt(data: unknown, path: string): unknown {
  let v = data;
  for (const seg of path === '' ? [] : path.split('/')) v = (v as Record<string, unknown> | undefined)?.[seg];
  return v;
}

function schemaError(e: ErrorObject, input: Located, lookup: Lookup): UserError {
  const path = pathOf(e.instancePath);
  const where = dotted(path);
  const value = valueAt(input.data, path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(lookup(path)?.properties ?? {});
      const guess = closest(key, known);
      return new UserError('IRP_UNKNOWN_KEY', `unknown key "${preview(key)}" in ${where}`, {
        position: posOf(input, join2(path, key), true),
        hint: `${lookalikeNote(key)}${guess ? `did you mean \`${guess}\`?` : `allowed keys: ${listSome(known, 12)}`}`,
      });
    }
    case 'required': {
      const field = String((e.params as { missingProperty: string }).missingProperty);
      const desc = lookup(join2(path, field))?.description;
      return new UserError('IRP_REQUIRED', `${where} is missing the required field \`${field}\``, {
        position: posOf(input, path, true),
        hint: `add "${field}:"${desc ? ` (${desc.replace(/\.$/, '')})` : ''}`,
      });
    }
    case 'type':
      return typeError(e, input, path, value, lookup);
    case 'enum': {
      const allowed = (e.params as { allowedValues: string[] }).allowedValues;
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      return new UserError('IRP_ENUM', `${where} is "${preview(value)}", which is not one of the allowed values`, {
        position: posOf(input, path),
        hint: `${guess ? `did you mean \`${guess}\`? ` : ''}allowed: ${listSome(allowed, 12)}`,
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
      if (e.propertyName !== undefined)
        return new UserError('IRP_PATTERN', `${where} has a key of an invalid form: "${preview(e.propertyName)}"`, {
          position: posOf(input, join2(path, e.propertyName), true),
          hint: patternHint(path),
        });
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
        hint: lookup(path)?.description ?? 'see src/schema/plan.schema.json',
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
  if (path.endsWith('country') || path.endsWith('hotlines'))
    return 'write the country as its ISO 3166-1 alpha-2 code in capitals, e.g. US, CA, GB (not UK)';
  if (path.endsWith('region') || path.endsWith('code'))
    return 'write the region as its ISO 3166-2 code in capitals, e.g. US-TX, AU-VIC, CA-QC';
  if (path.endsWith('locale')) return 'write a BCP 47 language tag, e.g. en-GB, en-AU, fr-CA';
  if (path.endsWith('url')) return 'write the full address with its scheme, e.g. https://ico.org.uk/';
  return 'ids are lower-case letters, digits and dashes, e.g. maria-lopez';
}

function typeError(e: ErrorObject, input: Located, path: string, value: unknown, lookup: Lookup): UserError {
  // A field that takes either of two types (an id or a list of ids) reads "a string or array".
  const expected = String((e.params as { type: string }).type).replace(',', ' or ');
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
    lookup(path)?.description ??
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
