import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import { join2 } from './positions.ts';
import type { PositionMap } from './positions.ts';

/** Deeper nesting than this is never a real plan and would only exhaust the stack. */
export const MAX_DEPTH = 32;
const CORE_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Turns the YAML tree into plain values, recording each value's position by path when asked to. */
export class Walker {
  readonly positions: PositionMap = new Map();
  readonly keyPositions: PositionMap = new Map();
  private readonly at: (offset: number) => Position;
  private readonly text: string;
  private readonly track: boolean;

  constructor(at: (offset: number) => Position, text: string, track: boolean) {
    this.at = at;
    this.text = text;
    this.track = track;
  }

  walk(node: YamlNode | null, path: string, depth: number): unknown {
    if (node === null) return null;
    const offset = node.range?.[0] ?? 0;
    if (this.track) this.positions.set(path, this.at(offset));
    if (depth > MAX_DEPTH)
      throw new UserError('IRP_YAML_DEPTH', 'the YAML nests too deeply to be a plan', {
        position: this.at(offset),
        hint: `plans nest at most ${MAX_DEPTH} levels`,
      });
    if (isAlias(node) || node.anchor) {
      const where = isAlias(node) ? this.at(offset) : this.propPos(node, `&${node.anchor ?? ''}`);
      throw new UserError('IRP_YAML_ALIAS', 'anchors and aliases (&name, *name) are not supported in plan files', {
        position: where,
        hint: 'write the value out in full where it is needed',
      });
    }
    if (node.tag && !CORE_TAGS.has(node.tag)) {
      throw new UserError('IRP_YAML_TAG', `the tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed`, {
        position: this.propPos(node, '!'),
        hint: 'remove the tag: plan values are plain strings, numbers, booleans, lists and mappings',
      });
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node))
      return node.items.map((item, i) =>
        this.walk(item as YamlNode, this.track ? join2(path, String(i)) : '', depth + 1),
      );
    if (isMap(node)) return this.walkMap(node.items, path, depth);
    throw new UserError('IRP_YAML', 'unsupported YAML node', {
      position: this.at(offset),
      hint: 'use plain values, lists and mappings',
    });
  }

  /** Tags and anchors are written before the value, on its line or the one above; the node's range starts at the value. */
  private propPos(node: YamlNode, marker: string): Position {
    const start = node.range?.[0] ?? 0;
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    const from = lineStart === 0 ? 0 : this.text.lastIndexOf('\n', lineStart - 2) + 1;
    let i = this.text.lastIndexOf(marker, start);
    if (i < from) return this.at(start);
    while (marker === '!' && this.text[i - 1] === '!') i--;
    return this.at(i);
  }

  private walkMap(items: unknown[], path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = this.keyOf(keyNode);
      if (!this.track) {
        out[key] = this.walk(pair.value as YamlNode | null, '', depth + 1);
        continue;
      }
      const keyPos = this.at(keyNode?.range?.[0] ?? 0);
      const childPath = join2(path, key);
      this.keyPositions.set(childPath, keyPos);
      out[key] = this.walk(pair.value as YamlNode | null, childPath, depth + 1);
      // `name:` with nothing after it: point at the key, not at the empty spot after the colon.
      if (isEmptyNode(pair.value)) this.positions.set(childPath, keyPos);
    }
    return out;
  }

  private keyOf(keyNode: YamlNode | null): string {
    // Computed only for an error: most keys are fine.
    const pos = () => this.at(keyNode?.range?.[0] ?? 0);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      throw new UserError('IRP_YAML_KEY', 'keys must be plain words', {
        position: pos(),
        hint: 'write keys like "name:" or "phones:"',
      });
    }
    const key = String(keyNode.value);
    if (key === '<<')
      throw new UserError('IRP_YAML_MERGE', 'merge keys (<<) are not supported in plan files', {
        position: pos(),
        hint: 'write the values out in full',
      });
    if (FORBIDDEN_KEYS.has(key))
      throw new UserError('IRP_YAML_KEY', `the key "${key}" is not allowed`, {
        position: pos(),
        hint: 'remove it: it is not part of the plan format',
      });
    if (key.length > 100)
      throw new UserError('IRP_YAML_KEY', `a key of ${key.length} characters is not part of the plan format`, {
        position: pos(),
        hint: 'keys are short names like "phones"; check the indentation',
      });
    return key;
  }
}

function isEmptyNode(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  return (
    isScalar(node) &&
    node.value === null &&
    node.range !== undefined &&
    node.range !== null &&
    node.range[0] === node.range[1]
  );
}
