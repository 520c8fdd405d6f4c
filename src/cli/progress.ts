import type { BuildEvent, Reporter } from '../build/index.ts';

type Mode = 'live' | 'lines' | 'json' | 'quiet';

/** Picks how to show progress: live on a terminal, plain lines in CI, JSON lines, or nothing. */
export function progressMode(
  opts: { json: boolean; quiet: boolean },
  stream: NodeJS.WriteStream = process.stderr,
): Mode {
  if (opts.json) return 'json';
  if (opts.quiet) return 'quiet';
  return stream.isTTY && !process.env.CI ? 'live' : 'lines';
}

/** A reporter for the chosen mode. JSON goes to stdout (one event a line); the rest to stderr. */
export function createReporter(mode: Mode): Reporter {
  if (mode === 'json') return (e) => process.stdout.write(`${JSON.stringify(e)}\n`);
  if (mode === 'quiet')
    return (e) => {
      if (e.event === 'note') process.stderr.write(`${e.client}: ${e.message}\n`);
    };
  return mode === 'live'
    ? liveReporter()
    : (e) => {
        const line = plainLine(e);
        if (line) process.stderr.write(`${line}\n`);
      };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line per event worth a line in a CI log. */
function plainLine(e: BuildEvent): string | null {
  switch (e.event) {
    case 'validate':
      return validatedLine(e);
    case 'shard':
      return `shard ${e.index}/${e.count}: ${e.clients} of ${e.clients + e.others} client${e.clients + e.others === 1 ? '' : 's'}; ${e.others} fell to other shards`;
    case 'client':
      return `${e.status} ${e.client}${e.status === 'unchanged' ? '' : ` in ${secs(e.ms)}`}`;
    case 'note':
      return `${e.client}: ${e.message}`;
    case 'done':
      return `done in ${secs(e.ms)}: ${e.built} built, ${e.unchanged} unchanged, ${e.failed} failed${e.prints ? `, ${e.prints} prints` : ''}${e.kept ? `, ${e.kept} PDFs unchanged and kept` : ''}`;
    default:
      return null;
  }
}

/** What the build validated; an unchanged client is skipped unread, so it is not counted as validated. */
function validatedLine(e: Extract<BuildEvent, { event: 'validate' }>): string {
  const plural = (n: number) => `${n} client${n === 1 ? '' : 's'}`;
  const skipped = e.unchanged > 0 ? `${plural(e.unchanged)} unchanged, not validated again` : '';
  const read = e.valid + e.failed;
  if (read === 0) return `validated no client: ${skipped || 'none to build'}`;
  const errors = e.failed ? `, ${e.failed} with errors` : '';
  return `validated ${plural(read)} in ${secs(e.ms)}: ${e.valid} valid${errors}${skipped ? `; ${skipped}` : ''}`;
}

/** Redraws one status line: clients done of total, the current client and stage, elapsed time. */
function liveReporter(): Reporter {
  const started = performance.now();
  let total = 0;
  let done = 0;
  let current = '';
  const draw = (text: string) => process.stderr.write(`\r\u001b[2K${text}`);
  return (e) => {
    if (e.event === 'start') total = e.clients;
    if (e.event === 'client-start') current = `${e.client}: rendering`;
    if (e.event === 'stage') current = `${e.client}: ${e.stage} done`;
    if (e.event === 'client') {
      done++;
      draw('');
      process.stderr.write(`${plainLine(e)}\n`);
    }
    if (e.event === 'note' || e.event === 'validate' || e.event === 'shard') {
      draw('');
      process.stderr.write(`${plainLine(e)}\n`);
    }
    if (e.event === 'done') {
      draw('');
      process.stderr.write(`${plainLine(e)}\n`);
      return;
    }
    draw(`[${done}/${total}] ${current}  ${secs(performance.now() - started)}`);
  };
}
