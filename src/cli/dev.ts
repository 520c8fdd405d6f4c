import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../shared/index.ts';
import { listClients } from '../plan/index.ts';
import { findProject, TOOL_ROOT } from '../shared/index.ts';
import type { Project } from '../shared/index.ts';
import { serveStatic } from '../pdf/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { err, out } from './output.ts';

const BIN = join(TOOL_ROOT, 'bin', 'irplan.mjs');

export const command: Command = {
  summary: "preview one client's site on 127.0.0.1, rebuilt when a plan or template changes",
  help: `Usage: irplan dev [slug]

Builds the client's site without PDFs into a temporary folder, serves it on 127.0.0.1 and
rebuilds it whenever its plan folder, plans/defaults.yaml or a template changes. A broken edit
prints its errors and the last good build stays served. Stop it with Ctrl-C.
Without a slug, the first client (alphabetically) is previewed.`,
  async run(args) {
    const { positionals } = parse('dev', args, {});
    const project = findProject(process.cwd());
    const slug = pickClient(project, positionals);
    const outDir = mkdtempSync(join(tmpdir(), 'irplan-dev-'));
    const rebuild = rebuilder(project, slug, outDir);
    if (!(await rebuild())) err('fix the errors above; the preview starts with the first good build');
    const server = await serveStatic(join(outDir, slug, 'site'), '/');
    out(`previewing ${slug} at ${server.origin}/ (Ctrl-C to stop)`);
    const watchers = watchInputs(
      project,
      slug,
      debounce(() => void rebuild(), 250),
    );
    await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
    for (const w of watchers) w.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
    return 0;
  },
};

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

/** One build at a time; a change that arrives during a build triggers one more after it. */
function rebuilder(project: Project, slug: string, outDir: string): () => Promise<boolean> {
  let running: Promise<boolean> | null = null;
  let again = false;
  const once = async (): Promise<boolean> => {
    const ok = await buildInChild(project, slug, outDir);
    if (ok) out(`rebuilt ${slug}`);
    return ok;
  };
  return async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let ok = await once();
      while (again) {
        again = false;
        ok = await once();
      }
      return ok;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  };
}

/**
 * Each rebuild runs `irplan build` in a fresh process: Node caches the ES modules Astro imports
 * from its output folder, so a second in-process build of the same client would serve stale pages.
 */
function buildInChild(project: Project, slug: string, outDir: string): Promise<boolean> {
  const child = spawn(process.execPath, [BIN, 'build', slug, '--no-pdf', '--out', outDir], {
    cwd: project.root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve) => child.once('close', (code) => resolve(code === 0)));
}

/** Watches what the client's build reads: its folder, the shared defaults and the templates. */
function watchInputs(project: Project, slug: string, onChange: () => void): FSWatcher[] {
  const paths = [join(project.plansDir, slug), join(project.plansDir, 'defaults.yaml'), project.templatesDir];
  return paths.filter((p) => existsSync(p)).map((p) => watch(p, { recursive: true }, onChange));
}

function debounce(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
