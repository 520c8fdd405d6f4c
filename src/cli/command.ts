/** A subcommand: its help text and what it does with its arguments. */
export interface Command {
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
}
