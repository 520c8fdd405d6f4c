import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

const SCHEMA_URL = new URL('../schema/plan.schema.json', import.meta.url);

/** The parts of a JSON Schema node that error messages read. */
export interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: string[];
  required?: string[];
  description?: string;
}

let schema: SchemaNode | undefined;

/** The plan schema, read on first use and kept for the process. */
function planSchema(): SchemaNode {
  schema ??= JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as SchemaNode;
  return schema;
}

let compiled: { full: ValidateFunction; partial: ValidateFunction } | undefined;

/** The compiled validators, for a client's plan (full) and plans/defaults.yaml (partial); built on first use. */
export function validators(): { full: ValidateFunction; partial: ValidateFunction } {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  // ajv-formats is CommonJS: Node's ESM import gives the module object, whose default is the plugin.
  const addFormats = (addFormatsPlugin as unknown as { default: typeof addFormatsPlugin.default }).default;
  addFormats(ajv, ['date', 'email']);
  compiled = { full: ajv.compile(planSchema()), partial: ajv.compile(partialSchema()) };
  return compiled;
}

/** plans/defaults.yaml: the same format, but no section or field of a section is required. */
function partialSchema(): SchemaNode {
  const copy = structuredClone(planSchema()) as SchemaNode & { $id?: string };
  copy.$id = `${copy.$id ?? 'plan'}-defaults`;
  delete copy.required;
  for (const prop of Object.values(copy.properties ?? {})) if (prop.type === 'object') delete prop.required;
  return copy;
}

/** The schema node that describes a path of the plan, if the schema names it. */
export function schemaAt(path: string): SchemaNode | undefined {
  return nodeAt(planSchema(), path);
}

/** The node of a schema (properties and items only) that describes a path of its data. */
export function nodeAt(root: SchemaNode | undefined, path: string): SchemaNode | undefined {
  let node = root;
  for (const seg of path === '' ? [] : path.split('/')) {
    node = /^\d+$/.test(seg) ? node?.items : node?.properties?.[seg];
  }
  return node;
}
