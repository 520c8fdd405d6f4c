import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import type { DeviceLog, LogEntry, MergedLog } from './types.ts';
import { ENTRY_KINDS, LOG_FORMAT } from './types.ts';

// Logs come from phones and laptops, so nothing in them is trusted: every field is checked before
// it is used, and each problem names the file, the line and the entry.

type Path = (string | number)[];
type Obj = Record<string, unknown>;

/** Finds the line and column of a value in the file (JSON is YAML, so the YAML parser places it). */
export type Locate = (path: Path) => Position;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const INCIDENT_ID = /^\d{8}-\d{4}-[a-z][a-z0-9-]{0,40}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const DEVICE = /^[0-9a-f]{8}$/;

/** Parses JSON text, with a located error when it is not JSON. */
function parseJson(file: string, text: string): { value: unknown; locate: Locate } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return { file, ...counter.linePos(node.range[0]) };
    }
    return { file, line: 1, col: 1 };
  };
  try {
    return { value: JSON.parse(text), locate };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const at = /line (\d+) column (\d+)/.exec(message);
    const position = at ? { file, line: Number(at[1]), col: Number(at[2]) } : { file, line: 1, col: 1 };
    throw new UserError('IRP_INCIDENT_JSON', `this is not a JSON incident log: ${message}`, {
      position,
      hint: 'import the file exactly as the incident page exported it',
      cause,
    });
  }
}

/** A failed check of a log: the path of the value, and what is wrong with it. */
class Bad extends Error {
  readonly path: Path;
  constructor(path: Path, message: string) {
    super(message);
    this.path = path;
  }
}

function obj(v: unknown, path: Path, what: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Bad(path, `${what} must be an object`);
  return v as Obj;
}

function str(o: Obj, key: string, path: Path, pattern?: RegExp): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') throw new Bad([...path, key], `"${key}" must be a non-empty text`);
  if (pattern && !pattern.test(v))
    throw new Bad([...path, key], `"${key}" is "${v}", which is not in the expected form`);
  return v;
}

function time(o: Obj, key: string, path: Path): string {
  const v = str(o, key, path);
  if (!ISO_WITH_OFFSET.test(v) || Number.isNaN(Date.parse(v)))
    throw new Bad(
      [...path, key],
      `"${key}" is "${v}", not an ISO 8601 time with an offset (2026-11-30T02:15:00-05:00)`,
    );
  return v;
}

/** What each kind of entry must carry besides the common fields. */
const KIND_FIELDS: Record<string, string[]> = {
  step: ['step'],
  untick: ['step'],
  note: ['text'],
  decision: ['text'],
  cost: ['currency'],
  consent: ['insurer_contact', 'scope'],
  severity: ['severity'],
};

function checkEntry(v: unknown, path: Path): LogEntry {
  const e = obj(v, path, 'an entry');
  const seq = e.seq;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1)
    throw new Bad([...path, 'seq'], '"seq" must be a whole number from 1');
  time(e, 'time', path);
  str(e, 'by', path);
  const kind = str(e, 'kind', path);
  if (!(ENTRY_KINDS as readonly string[]).includes(kind))
    throw new Bad([...path, 'kind'], `"kind" is "${kind}"; it must be one of ${ENTRY_KINDS.join(', ')}`);
  for (const key of KIND_FIELDS[kind] ?? []) str(e, key, path);
  if (kind === 'cost' && (typeof e.amount !== 'number' || !Number.isFinite(e.amount)))
    throw new Bad([...path, 'amount'], 'a cost entry needs "amount", a number');
  if (kind === 'cost') str(e, 'currency', path, /^[A-Z]{3}$/);
  str(e, 'prev', path, HEX64);
  str(e, 'hash', path, HEX64);
  return e as unknown as LogEntry;
}

function checkIncident(o: Obj) {
  const incident = obj(o.incident, ['incident'], '"incident"');
  str(incident, 'id', ['incident'], INCIDENT_ID);
  time(incident, 'discovered', ['incident']);
  str(incident, 'type', ['incident']);
  str(incident, 'severity', ['incident']);
}

function checkHead(o: Obj) {
  if (o.format !== LOG_FORMAT)
    throw new Bad(
      ['format'],
      `"format" is ${JSON.stringify(o.format)}, not "${LOG_FORMAT}": this is not an irplan incident log`,
    );
  str(o, 'client', []);
  str(o, 'time_zone', []);
  checkIncident(o);
  if (!Array.isArray(o.entries)) throw new Bad(['entries'], '"entries" must be a list');
}

/** Runs checks, turning the first failure into a located user error naming the file and, when it is one, the entry. */
function located<T>(locate: Locate, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (!(e instanceof Bad)) throw e;
    const [top, index] = e.path;
    const entry = top === 'entries' && typeof index === 'number' ? `entry ${index + 1}: ` : '';
    throw new UserError('IRP_INCIDENT_LOG', `${entry}${e.message}`, {
      position: locate(e.path),
      hint: 'import the file exactly as the incident page exported it; an edited log is refused',
    });
  }
}

/** A device's exported log, every field checked (the chain is checked separately). */
export function parseDeviceLog(file: string, text: string): { log: DeviceLog; locate: Locate } {
  const { value, locate } = parseJson(file, text);
  const log = located(locate, () => {
    const o = obj(value, [], 'the log');
    checkHead(o);
    str(o, 'plan_version', []);
    str(o, 'device', [], DEVICE);
    for (const [i, e] of (o.entries as unknown[]).entries()) checkEntry(e, ['entries', i]);
    return o as unknown as DeviceLog;
  });
  return { log, locate };
}

/** A stored, merged log (log.json), every field checked (the chains are checked separately). */
export function parseMergedLog(file: string, text: string): { log: MergedLog; locate: Locate } {
  const { value, locate } = parseJson(file, text);
  const log = located(locate, () => {
    const o = obj(value, [], 'the log');
    checkHead(o);
    if (!Array.isArray(o.plan_versions) || !Array.isArray(o.devices))
      throw new Bad(['devices'], '"plan_versions" and "devices" must be lists');
    for (const [i, e] of (o.entries as unknown[]).entries()) {
      checkEntry(e, ['entries', i]);
      str(e as Obj, 'device', ['entries', i], DEVICE);
    }
    return o as unknown as MergedLog;
  });
  return { log, locate };
}
