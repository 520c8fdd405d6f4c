import type { Environment } from '../shared/index.ts';

/** A subcommand: its help text and what it does with its arguments and the environment read at the entry. */
export interface Command {
  summary: string;
  help: string;
  run(args: string[], env: Environment): Promise<number>;
}
