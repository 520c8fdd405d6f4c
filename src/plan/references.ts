import { dirname } from 'node:path';
import { closest, preview, UserError } from '../shared/index.ts';
import { listSome } from './hints.ts';
import { dotted, posOf } from './positions.ts';
import type { Located } from './positions.ts';
import { listAt, textAt, textsAt } from './readable.ts';

/** The lists whose entries have ids, and what an entry is called in messages. */
const ID_LISTS = [
  { path: 'contacts', what: 'contact' },
  { path: 'assets', what: 'asset' },
  { path: 'data_flows', what: 'data flow' },
] as const;

/** Where a plan names a contact or an asset by id; `*` is each item of a list or each key of a mapping. */
const REFERENCES: { list: 'contacts' | 'assets'; what: string; paths: string[] }[] = [
  {
    list: 'contacts',
    what: 'contact',
    paths: [
      'plan/owner',
      'plan/approver',
      'plan/distribution/*',
      'msp/hotline',
      'msp/hotlines/*',
      'insurance/broker',
      'continuity/bcp/owner',
      'continuity/drp/owner',
      'assets/*/owner',
      'exercises/*/participants/*',
      'monitoring/*/owner',
      'preparation/jump_kit/keeper',
      'preparation/break_glass/*/holders/*',
    ],
  },
  // backup_of is one id or a list of them: the first pattern reads the one, the second the list.
  {
    list: 'assets',
    what: 'asset',
    paths: [
      'assets/*/depends_on/*',
      'assets/*/backup_of',
      'assets/*/backup_of/*',
      'monitoring/*/watches/*',
      'preparation/break_glass/*/system',
    ],
  },
];

/** One list's ids, each with the folder of the file it was written in. */
type Ids = Map<string, string>;

/**
 * Checks that ids are unique and that every reference names a contact or asset that exists. Runs on
 * whatever can be read, schema errors (`schemaFailed`) or not: an id of the wrong type is simply not an id.
 */
export function checkReferences(input: Located, errors: UserError[], schemaFailed: boolean): void {
  const ids = new Map<string, Ids>();
  for (const { path, what } of ID_LISTS) ids.set(path, uniqueIds(path, what, input, errors));
  for (const { list, what, paths } of REFERENCES) {
    // A misspelled or malformed section (`contacs:`) would make every reference to it unknown: the
    // schema error names the one cause, so the references wait until the client has entries of its own.
    if (schemaFailed && !hasOwnEntries(list, input)) continue;
    const known = ids.get(list) ?? new Map<string, string>();
    for (const pattern of paths)
      for (const { path, value } of textsAt(input.data, pattern)) checkRef(value, known, what, path, input, errors);
  }
}

/** Whether the client's own files (not only the MSP's defaults) hold entries of a list. */
function hasOwnEntries(list: string, input: Located): boolean {
  const clientDir = dirname(input.fallback.file);
  return listAt(input.data, list).some((_, i) => dirname(posOf(input, `${list}/${i}`).file) === clientDir);
}

/** Reports each id used twice in a list; returns the ids, so references can be checked against them. */
function uniqueIds(path: string, what: string, input: Located, errors: UserError[]): Ids {
  const seen = new Map<string, number>();
  const ids: Ids = new Map();
  listAt(input.data, path).forEach((_, i) => {
    const id = textAt(input.data, `${path}/${i}/id`);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      ids.set(id, dirname(posOf(input, `${path}/${i}/id`).file));
      return;
    }
    const firstPos = posOf(input, `${path}/${first}/id`);
    errors.push(
      new UserError(
        'IRP_DUPLICATE_ID',
        `the ${what} id "${preview(id)}" is used twice (first at ${firstPos.file.split('/').slice(-2).join('/')}:${firstPos.line})`,
        { position: posOf(input, `${path}/${i}/id`), hint: `give each ${what} its own id, e.g. "${preview(id)}-2"` },
      ),
    );
  });
  return ids;
}

/** Reports a reference to an id that no entry has, suggesting the closest one. */
function checkRef(id: string, known: Ids, what: string, path: string, input: Located, errors: UserError[]): void {
  if (known.has(id)) return;
  const { candidates, msp } = sameLayer(known, path, input);
  const guess = closest(id, candidates);
  errors.push(
    new UserError('IRP_UNKNOWN_REF', `${dotted(path)} names the ${what} "${preview(id)}", which does not exist`, {
      position: posOf(input, path),
      hint: guess
        ? `did you mean \`${guess}\`?`
        : `add a ${what} with id "${preview(id)}"${msp ? ' to plans/defaults.yaml' : ''}${
            candidates.length > 0 ? ` or use one of: ${listSome(candidates)}` : ''
          }`,
    }),
  );
}

/**
 * The ids a reference should be compared with. A reference written in plans/defaults.yaml is the
 * MSP's, shared by every client: it can only mean one of the MSP's own entries, never the contacts
 * of the client being checked.
 */
function sameLayer(known: Ids, path: string, input: Located): { candidates: string[]; msp: boolean } {
  const clientDir = dirname(input.fallback.file);
  const all = [...known.keys()];
  if (dirname(posOf(input, path).file) === clientDir) return { candidates: all, msp: false };
  return { candidates: all.filter((id) => known.get(id) !== clientDir), msp: true };
}
