import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listClients } from '../plan/index.ts';
import { findProject, TOOL_ROOT, UserError } from '../shared/index.ts';
import type { Project } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { startPreview } from './devserver.ts';
import type { Listen, Preview } from './devserver.ts';
import { err, out } from './output.ts';
import { watchPaths } from './watch.ts';

const BIN = join(TOOL_ROOT, 'bin', 'irplan.mjs');
/** Astro's familiar port; when it is taken and no --port was given, any free port will do. */
const DEFAULT_PORT = 4321;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export const command: Command = {
  summary: "preview one client's site, rebuilt and reloaded in the browser when a plan or template changes",
  help: `Usage: irplan dev [slug] [--port <n>] [--host <address>]

Builds the client's site without PDFs into a temporary folder, serves it and rebuilds it whenever
its plan folder, plans/defaults.yaml or a template changes; open pages reload by themselves after
each good build. A broken edit prints its errors and the last good build stays served.
Without a slug, the first client (alphabetically) is previewed. Stop it with Ctrl-C; the
temporary folder is removed.
Options:
  --port <n>        the port to listen on (default ${DEFAULT_PORT}, or a free one when it is taken;
                    0 for any free port)
  --host <address>  the address to listen on (default 127.0.0.1, this machine only); 0.0.0.0
                    shows the client's plan to every machine that can reach this one
The live-reload script is added by this server as it sends each page, and the site's offline copy
(its service worker) is switched off so that a reload shows the latest build: built sites keep
their offline copy and never carry the script.`,
  async run(args) {
    const { values, positionals } = parse('dev', args, { port: { type: 'string' }, host: { type: 'string' } });
    const listen = listenOptions(values);
    const project = findProject(process.cwd());
    const slug = pickClient(project, positionals);
    // Ctrl-C from here on ends the preview in order: the build child, the server, the folder. So
    // does a watched folder that goes away, with exit code 1.
    let code = 0;
    let gone = () => {};
    const stopped = new Promise<void>((resolve) => {
      gone = () => {
        code = 1;
        resolve();
      };
      process.once('SIGINT', resolve).once('SIGTERM', resolve);
    });
    const outDir = mkdtempSync(join(tmpdir(), 'irplan-dev-'));
    let preview: Preview | undefined;
    const builds = rebuilder(project, slug, outDir, () => preview?.reload());
    try {
      preview = await startPreview(join(outDir, slug, 'site'), listen);
      const first = await Promise.race([builds.run(), stopped.then(() => null)]);
      if (first === null) return code;
      if (!first) err('fix the errors above; the preview starts with the first good build');
      if (!LOOPBACK.test(listen.host))
        err(`listening on ${listen.host}: other machines that can reach this one can read ${slug}'s plan`);
      out(`previewing ${slug} at ${preview.url} (Ctrl-C to stop)`);
      const watching = watchPaths(
        inputsOf(project, slug),
        debounce(() => void builds.run(), 250),
        (path, e) => {
          err(`irplan dev: stopped watching ${path}: ${e.message}`);
          gone();
        },
      );
      await stopped;
      watching.close();
      return code;
    } finally {
      await builds.stop();
      await preview?.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  },
};

/** --host and --port, checked before anything is built. */
function listenOptions(values: { port?: string; host?: string }): Listen {
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '')
    throw new UserError('IRP_ARGS', 'dev: --host is empty', { hint: 'use --host 127.0.0.1 (the default)' });
  if (values.port === undefined) return { host, port: DEFAULT_PORT, fallback: true };
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (!(port <= 65535))
    throw new UserError('IRP_ARGS', `dev: --port "${values.port}" is not a port number`, {
      hint: `use a number from 1 to 65535 (e.g. --port ${DEFAULT_PORT}), or 0 for any free port`,
    });
  return { host, port, fallback: false };
}

/** The named client, or the first one; more than one name is a mistake worth saying. */
function pickClient(project: Project, names: string[]): string {
  if (names.length > 1)
    throw new UserError('IRP_ARGS', 'dev previews one client at a time', {
      hint: `run irplan dev ${names[0] ?? '<slug>'}`,
    });
  const all = listClients(project.plansDir);
  const slug = names[0] ?? all[0];
  if (!slug)
    throw new UserError('IRP_NO_CLIENTS', `no client folders in ${project.plansDir}`, {
      hint: 'create one with irplan new <slug>',
    });
  if (!all.includes(slug))
    throw new UserError('IRP_ARGS', `there is no client "${slug}" in ${project.plansDir}`, {
      hint: `clients: ${all.join(', ') || 'none'}`,
    });
  return slug;
}

/** Builds on demand, one at a time (a change during a build triggers one more after it); stop ends the current one. */
interface Builds {
  run(): Promise<boolean>;
  stop(): Promise<void>;
}

function rebuilder(project: Project, slug: string, outDir: string, onBuilt: () => void): Builds {
  let running: Promise<boolean> | null = null;
  let child: ChildProcess | null = null;
  let again = false;
  let stopped = false;
  const once = async (): Promise<boolean> => {
    child = buildInChild(project, slug, outDir);
    const ok = await exited(child);
    child = null;
    if (ok && !stopped) {
      out(`rebuilt ${slug}`);
      onBuilt();
    }
    return ok;
  };
  const loop = async (): Promise<boolean> => {
    let ok = await once();
    while (again && !stopped) {
      again = false;
      ok = await once();
    }
    return ok;
  };
  return {
    run: async () => {
      if (stopped) return false;
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => {
        running = null;
      });
      return running;
    },
    stop: async () => {
      stopped = true;
      // The build removes its own staging folders when stopped, before dev removes the output folder.
      child?.kill('SIGTERM');
      await running;
    },
  };
}

/**
 * Each rebuild runs `irplan build` in a fresh process: Node caches the ES modules Astro imports
 * from its output folder, so a second in-process build of the same client would serve stale pages.
 */
function buildInChild(project: Project, slug: string, outDir: string): ChildProcess {
  return spawn(process.execPath, [BIN, 'build', slug, '--no-pdf', '--out', outDir], {
    cwd: project.root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function exited(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code === 0)));
}

/** What the client's build reads: its folder, the shared defaults and branding, the templates. */
function inputsOf(project: Project, slug: string): string[] {
  const plans = project.plansDir;
  return [join(plans, slug), join(plans, 'defaults.yaml'), join(plans, 'branding'), project.templatesDir];
}

function debounce(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
