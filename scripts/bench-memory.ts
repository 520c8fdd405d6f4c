// npm run bench:memory -- --clients N [--json] [--interval MS] [--edit]
// Peak memory of a whole cold build of N generated clients: the CLI, its Astro child processes,
// Chromium and its helpers, sampled every --interval ms. The main benchmark samples one site batch
// (12 clients) to keep its run short; this one shows that the peak does not grow with N. With
// --edit, the benchmark's template edit (one sentence of the phishing playbook) is built after it
// and sampled too: an edit prints binders two at a time (src/pdf/gate.ts, lightBinder).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumVersion } from './bench/floors.ts';
import { editPhishingTemplate, generatePortfolio } from './bench/portfolio.ts';
import { doneEvent, runBuild } from './bench/run.ts';
import { snapshotTool } from './bench/tool.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100' },
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    interval: { type: 'string', default: '250' },
    edit: { type: 'boolean', default: false },
  },
});
const N = Number(values.clients);
const interval = Number(values.interval);
if (!Number.isInteger(N) || N < 1) throw new Error(`--clients ${values.clients} is not a positive whole number`);
if (!(interval >= 10)) throw new Error(`--interval ${values.interval} must be at least 10 ms`);
const log = (m: string) => process.stderr.write(`[bench:memory ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const tool = snapshotTool();
const tmp = mkdtempSync(join(tmpdir(), 'irplan-bench-memory-'));
try {
  const project = join(tmp, 'project');
  generatePortfolio(project, N, Number(values.seed));
  cpSync(join(tool.root, 'templates'), join(project, 'templates'), { recursive: true });
  log(`generated ${N} clients; building them all, memory sampled every ${interval} ms`);
  const run = await runBuild(tool.root, project, ['--out', join(tmp, 'dist')], {}, interval);
  const done = doneEvent(run.events);
  if (done.built !== N) throw new Error(`built ${done.built} of ${N}`);
  const edit = values.edit ? await editBuild(project, join(tmp, 'dist')) : undefined;
  const result = {
    clients: N,
    memory_clients: N,
    prints: done.prints,
    cold_s: Math.round(run.wall_s * 10) / 10,
    peak_rss_mb: Math.round(run.peak_rss_mb),
    peak_pss_mb: Math.round(run.peak_pss_mb),
    peak_pss_by_kind_mb: run.peak_by_kind,
    peak_after_event: run.peak_after_event,
    max_pss_by_kind_mb: run.max_by_kind,
    ...(edit && {
      edit_s: Math.round(edit.wall_s * 10) / 10,
      edit_prints: doneEvent(edit.events).prints,
      edit_peak_rss_mb: Math.round(edit.peak_rss_mb),
      edit_peak_pss_mb: Math.round(edit.peak_pss_mb),
      edit_peak_pss_by_kind_mb: edit.peak_by_kind,
    }),
    sample_interval_ms: interval,
    irplan_commit: tool.commit,
    machine: {
      cores: cpus().length,
      memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      chromium: await chromiumVersion(),
      loadavg_at_end: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    },
  };
  process.stdout.write(
    `${N} clients, ${done.prints} prints, ${result.cold_s} s (sampled, so slower than a plain build): peak RSS summed over processes ${result.peak_rss_mb} MB, PSS ${result.peak_pss_mb} MB (target <= 1024, issue 25)\n` +
      `  at the peak, PSS by process (MB): ${JSON.stringify(run.peak_by_kind)}; last event before it: ${run.peak_after_event}\n` +
      `  highest PSS of each kind at any time (MB): ${JSON.stringify(run.max_by_kind)}\n`,
  );
  if (edit)
    process.stdout.write(
      `  template edit: ${result.edit_s} s, ${result.edit_prints} prints: peak RSS ${result.edit_peak_rss_mb} MB, PSS ${result.edit_peak_pss_mb} MB; by process (MB): ${JSON.stringify(edit.peak_by_kind)}\n`,
    );
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
  tool.remove();
}

/** The benchmark's template edit, built and sampled. */
async function editBuild(project: string, out: string) {
  editPhishingTemplate(project);
  log('template edit: building again, memory sampled');
  const run = await runBuild(tool.root, project, ['--out', out], {}, interval);
  const built = doneEvent(run.events).built;
  if (built !== N) throw new Error(`the edit built ${built} of ${N}`);
  return run;
}
