import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Scalar } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { listClients, readClients } from '../plan/index.ts';
import type { ValidClient } from '../plan/index.ts';
import { UserError } from '../shared/index.ts';
import type { Kind } from './mapping.ts';
import type { RowOutcome } from './merge.ts';

/**
 * Validates the edited plan as `irplan validate` would, in a temporary copy of the project's plans
 * (the MSP layer, shared files such as logos, and this client): nothing is written before it passes.
 * An error inside an imported entry points at the CSV cell it came from.
 */
export function validateEdited(
  plansDir: string,
  slug: string,
  text: string,
  kind: Kind,
  outcomes: RowOutcome[],
): { client: ValidClient | undefined; errors: UserError[] } {
  const tmp = mkdtempSync(join(tmpdir(), 'irplan-import-'));
  try {
    const plans = join(tmp, 'plans');
    const clients = new Set(listClients(plansDir));
    for (const name of readdirSync(plansDir))
      if (name === slug || !clients.has(name)) cpSync(join(plansDir, name), join(plans, name), { recursive: true });
    const file = join(plans, slug, 'plan.yaml');
    writeFileSync(file, text);
    const read = readClients(plans, [slug]);
    const cells = new CellFinder(text, kind, outcomes);
    const errors = read.errors.map((e) =>
      e.position?.file === file ? cells.relocate(e, join(plansDir, slug, 'plan.yaml')) : e,
    );
    return { client: read.clients[0], errors };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Maps a position in the edited plan.yaml to the CSV cell of the imported entry written there. */
class CellFinder {
  private readonly lines = new LineCounter();
  private readonly items: YamlNode[];
  private readonly outcomes: RowOutcome[];

  constructor(text: string, kind: Kind, outcomes: RowOutcome[]) {
    this.outcomes = outcomes;
    const doc = parseDocument(text, { lineCounter: this.lines, version: '1.2' });
    const seq = doc.get(kind, true);
    this.items = isSeq(seq) ? (seq.items as YamlNode[]) : [];
  }

  /** The error at the CSV cell when it lies in an entry the import wrote, else at the plan's own position. */
  relocate(e: UserError, planFile: string): UserError {
    const pos = e.position;
    if (!pos) return e;
    for (const o of this.outcomes) {
      if (o.action !== 'added' && o.action !== 'updated') continue;
      const node = this.items[o.index];
      if (!node?.range || !this.within(node.range, pos.line)) continue;
      const col = this.columnOf(node, pos.line, o);
      return new UserError(e.code, e.message, {
        position: { file: o.row.file, line: o.row.row.line, col },
        hint: e.hint,
      });
    }
    return new UserError(e.code, e.message, { position: { ...pos, file: planFile }, hint: e.hint });
  }

  private within(range: [number, number, number], line: number): boolean {
    return this.lines.linePos(range[0]).line <= line && line <= this.lines.linePos(range[1]).line;
  }

  /** The CSV column of the field (or phone) written on `line` of the entry. */
  private columnOf(node: YamlNode, line: number, o: RowOutcome): number {
    const fallback = o.row.colOf.get('name') ?? 1;
    if (!isMap(node)) return fallback;
    const pair = node.items.find((p: Pair) => {
      const range = (p.value as YamlNode | null)?.range ?? (p.key as YamlNode | null)?.range;
      const start = (p.key as YamlNode | null)?.range?.[0];
      return range && start !== undefined && this.within([start, range[1], range[2]], line);
    });
    if (!pair) return fallback;
    const key = String((pair.key as Scalar).value);
    if (key === 'phones' && isSeq(pair.value)) {
      const phone = pair.value.items.find((p) => isMap(p) && p.range && this.within(p.range, line));
      const label = isMap(phone) ? String(phone.get('label') ?? '') : '';
      return o.row.colOf.get(`phones:${label}`) ?? fallback;
    }
    return o.row.colOf.get(key) ?? fallback;
  }
}
