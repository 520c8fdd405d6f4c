import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UserError } from '../shared/index.ts';

/** parseArgs with its errors turned into user errors that name the command. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new UserError('IRP_ARGS', `${command}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      hint: `run irplan ${command} --help`,
      cause,
    });
  }
}
