import { basename, resolve } from 'node:path';
import { UserError } from '../shared/index.ts';
import { clientFiles } from './files.ts';
import { mergeLayers } from './merge.ts';
import type { Layer } from './merge.ts';
import type { PositionMap } from './positions.ts';
import { loadYamlFile } from './yaml.ts';
import type { LoadedFile, LoadOptions } from './yaml.ts';

/** A client's files merged over the MSP defaults, with positions kept for every value. */
export interface ClientSource {
  slug: string;
  dir: string;
  files: string[];
  data: Record<string, unknown>;
  positions: PositionMap;
  keyPositions: PositionMap;
}

/** Reads a client's folder and merges it over the MSP defaults. Errors from every file are collected. */
export function loadClient(
  plansDir: string,
  slug: string,
  defaults: LoadedFile | undefined,
  options: LoadOptions = {},
): { source?: ClientSource; errors: UserError[] } {
  const dir = resolve(plansDir, slug);
  const files = clientFiles(dir);
  const errors: UserError[] = [];
  const parts: LoadedFile[] = [];
  for (const file of files) {
    try {
      parts.push(loadYamlFile(file, options));
    } catch (err) {
      if (err instanceof UserError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length > 0) return { errors };
  const combined = combineFiles(parts, errors);
  if (errors.length > 0) return { errors };
  const merged = defaults ? mergeLayers(defaults, combined, options) : combined;
  return { source: { slug, dir, files, ...merged }, errors };
}

/** A client's sibling files each hold whole top-level sections; a section may live in one file only. */
function combineFiles(parts: LoadedFile[], errors: UserError[]): Layer {
  const out: Layer = { data: {}, positions: new Map(), keyPositions: new Map() };
  for (const part of parts) {
    for (const [key, value] of Object.entries(part.data)) {
      if (key in out.data) {
        errors.push(
          new UserError(
            'IRP_DUPLICATE_SECTION',
            `the section "${key}" is also in ${basename(out.keyPositions.get(key)?.file ?? 'another file')}`,
            { position: part.keyPositions.get(key), hint: 'keep each top-level section in one file' },
          ),
        );
        continue;
      }
      out.data[key] = value;
    }
    for (const [p, pos] of part.positions) if (p !== '' && !out.positions.has(p)) out.positions.set(p, pos);
    for (const [p, pos] of part.keyPositions) if (!out.keyPositions.has(p)) out.keyPositions.set(p, pos);
  }
  return out;
}
