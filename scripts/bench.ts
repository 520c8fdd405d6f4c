// npm run bench -- --clients N [--json] [--naive K]
// Builds a synthetic portfolio with the real CLI (cold, --force again, no-change, one change, one client alone) and
// measures the floors in the same run: bare Puppeteer, bare Astro, yaml's parseDocument, and a fresh
// Chromium per document. With --json the last line of stdout is one JSON object.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hashTree } from '../src/shared/hash.ts';
import {
  chromiumVersion,
  importSeconds,
  naivePerDoc,
  pdfProfile,
  pdfFloor,
  siteFloor,
  validateTimes,
} from './bench/floors.ts';
import type { FloorJob } from './bench/floors.ts';
import { clientPlan, editPhishingTemplate, generatePortfolio } from './bench/portfolio.ts';
import { doneEvent, runBuild, stageSeconds } from './bench/run.ts';
import { snapshotTool } from './bench/tool.ts';
import type { CliRun } from './bench/run.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
    naive: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    'profile-pdf': { type: 'boolean', default: false },
  },
});
const N = Number(values.clients);
const SEED = Number(values.seed);
if (!Number.isInteger(N) || N < 1) throw new Error(`--clients ${values.clients} is not a positive whole number`);
const log = (m: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
/** irplan's default site batch (src/build/build.ts): the memory run builds one full batch. */
const SITE_BATCH = 12;

const tool = snapshotTool();
let toolChanged = false;
let lastToolHash = toolHash();
const tmp = mkdtempSync(join(tmpdir(), 'irplan-bench-'));
const kept: string[] = [];
try {
  const project = join(tmp, 'project');
  const out = join(tmp, 'dist');
  const slugs = generatePortfolio(project, N, SEED);
  // The plan repository has its own copy of the templates, as many MSPs' repositories do.
  cpSync(join(tool.root, 'templates'), join(project, 'templates'), { recursive: true });
  log(`generated ${N} clients in ${project}`);

  const cold = await runBuild(tool.root, project, ['--out', out], { IRPLAN_KEEP_STAGING: '1' });
  kept.push(...slugs.map((s) => join(tool.root, 'node_modules', '.irplan-work', `${s}-${cold.pid}-0`)));
  const coldDone = doneEvent(cold.events);
  if (coldDone.built !== N) throw new Error(`cold build built ${coldDone.built} of ${N}`);
  log(`cold ${cold.wall_s.toFixed(1)} s, ${coldDone.prints} prints`);

  // Exactly the prints the pipeline made: every document of every audience it printed, and each binder's front pages again.
  const roots = slugs.map((slug, i) => {
    const manifest = JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8')) as {
      outputs: {
        site: string | null;
        binder: string | null;
        checklists: string[];
        walletCard: string | null;
        callTree: string | null;
      };
    };
    const plan = clientPlan(i, SEED) as {
      plan: { paper: 'letter' | 'a4' };
      contacts: { phones: { private?: boolean }[] }[];
    };
    const pages = [
      ...(manifest.outputs.binder ? ['binder/'] : []),
      ...manifest.outputs.checklists.map((f) => `checklist/${f.slice(`pdf/${slug}-`.length, -'.pdf'.length)}/`),
      ...(manifest.outputs.walletCard ? ['card/wallet-card/'] : []),
      ...(manifest.outputs.callTree ? ['card/call-tree/'] : []),
    ];
    const hasPrivate = plan.contacts.some((c) => c.phones.some((p) => p.private));
    const audiences = manifest.outputs.site && hasPrivate ? ['print', 'site'] : ['print'];
    const jobs = audiences.flatMap((a) =>
      pages.map((p) => ({ path: `print/${a}/${p}`, paper: plan.plan.paper, binder: p === 'binder/' })),
    );
    return { dir: join(tool.root, 'node_modules', '.irplan-work', `${slug}-${cold.pid}-0`), jobs };
  });
  const pdfs = roots.reduce((s, r) => s + r.jobs.length, 0);
  const binders = roots.reduce((s, r) => s + r.jobs.filter((j: Omit<FloorJob, 'url'>) => j.binder).length, 0);
  // Prints per binder: a binder whose page numbers are not known yet is printed twice (src/pdf/numbered.ts).
  const binderPrints = (coldDone.prints - (pdfs - binders)) / binders;
  const pdfFiles = slugs.reduce((s, slug) => s + listPdfs(join(out, slug)).length, 0);
  log(`floor (a): ${pdfs} documents, ${binders} binders printed ${binderPrints} time(s) each`);
  const floorA = await pdfFloor(roots, join(tmp, 'floor-pdf'));
  // A site binder whose layout differs from the print binder's (its private numbers left out) is
  // printed twice by the pipeline; the floor cannot know which: the difference is reported.
  if (floorA.prints !== coldDone.prints)
    log(`note: the floor made ${floorA.prints} prints, the pipeline ${coldDone.prints}`);
  log(`pdf floor ${floorA.seconds.toFixed(1)} s`);

  // This machine's speed drifts by tens of percent within minutes (the same 6-client prints took
  // 42.5 and 63.8 s a few minutes apart), so a build timed once, then the floor, compares two
  // different machines. The pipeline is timed on both sides of the floor (the cold build, and a
  // --force build of the same portfolio right after the floor) and compared with it on average:
  // a drift that is steady over the three cancels out.
  const again = await runBuild(tool.root, project, ['--force', '--out', out]);
  const againDone = doneEvent(again.events);
  if (againDone.built !== N || againDone.prints !== coldDone.prints)
    throw new Error(
      `the --force build built ${againDone.built} of ${N} with ${againDone.prints} prints (cold: ${coldDone.prints})`,
    );
  const pdfCold = stageSeconds(cold.events, 'pdf');
  const pdfAgain = stageSeconds(again.events, 'pdf');
  log(
    `--force build ${again.wall_s.toFixed(1)} s, pdf stage ${pdfAgain.toFixed(1)} s (cold build's: ${pdfCold.toFixed(1)} s)`,
  );

  const noop = await expectBuilt(0, () => runBuild(tool.root, project, ['--out', out]));
  log(`noop ${noop.wall_s.toFixed(2)} s`);

  const changed = slugs[Math.floor(N / 2)] ?? slugs[0] ?? '';
  const otherPdfs = slugs.filter((s) => s !== changed).flatMap((s) => listPdfs(join(out, s)));
  const planFile = join(project, 'plans', changed, 'plan.yaml');
  let before = new Map<string, number>();
  let edits = 0;
  const one = await expectBuilt(1, () => {
    before = new Map(otherPdfs.map((f) => [f, statSync(f).mtimeMs]));
    // A realistic edit: one contact's job title.
    writeFileSync(
      planFile,
      readFileSync(planFile, 'utf8').replace(/title: IT (Manager|Director \d+)/, `title: IT Director ${++edits}`),
    );
    return runBuild(tool.root, project, ['--out', out]);
  });
  const othersUntouched = otherPdfs.every((f) => statSync(f).mtimeMs === before.get(f));
  log(`one change ${one.wall_s.toFixed(1)} s; other clients' PDFs untouched: ${othersUntouched}`);

  // A shared template edit, the kind consultants make all the time: one sentence of the phishing
  // playbook, which every client has. Today every client is rebuilt and every document reprinted.
  const everyPdf = slugs.flatMap((s) => listPdfs(join(out, s)));
  const stamped = new Map(everyPdf.map((f) => [f, statSync(f).mtimeMs]));
  const edit = await expectBuilt(N, () => {
    editPhishingTemplate(project);
    return runBuild(tool.root, project, ['--out', out]);
  });
  const editDone = doneEvent(edit.events);
  const rewritten = everyPdf.filter((f) => !existsSync(f) || statSync(f).mtimeMs !== stamped.get(f)).length;
  log(
    `template edit ${edit.wall_s.toFixed(1)} s (${(edit.wall_s / cold.wall_s).toFixed(2)} of cold), ${editDone.prints} prints, ${rewritten} of ${everyPdf.length} PDFs rewritten`,
  );

  const binderPdf = join(out, slugs[0] ?? '', 'pdf', `${slugs[0]}-binder.pdf`);
  const binderPages = Number(
    /^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [binderPdf], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? NaN,
  );
  const oneCold = await runBuild(tool.root, project, [slugs[0] ?? '', '--out', join(tmp, 'dist-one')]);
  log(`one client cold ${oneCold.wall_s.toFixed(1)} s`);

  // Peak memory: a build of one full site batch (its size sets the peak, not N), sampled every 100 ms.
  const memSlugs = slugs.slice(0, SITE_BATCH);
  const mem = await runBuild(tool.root, project, [...memSlugs, '--force', '--out', join(tmp, 'dist-mem')], {}, 100);
  log(
    `memory: ${memSlugs.length} clients, peak RSS ${Math.round(mem.peak_rss_mb)} MB, PSS ${Math.round(mem.peak_pss_mb)} MB`,
  );

  const pages = roots.reduce((s, r) => s + countHtml(r.dir), 0);
  const siteFloorS = siteFloor(pages);
  const siteFloorOneS = siteFloor(Math.round(pages / N));
  log(
    `site floor ${siteFloorS.toFixed(1)} s for ${pages} pages; ${siteFloorOneS.toFixed(1)} s for one client's ${Math.round(pages / N)}`,
  );

  const v100 = join(tmp, 'v100');
  const v100Slugs = generatePortfolio(v100, 100, SEED);
  const files = [join(v100, 'plans', 'defaults.yaml'), ...v100Slugs.map((s) => join(v100, 'plans', s, 'plan.yaml'))];
  const { readClients } = (await import(
    join(tool.root, 'src', 'plan', 'read.ts')
  )) as typeof import('../src/plan/read.ts');
  const v = validateTimes(readClients, join(v100, 'plans'), files);
  log(
    `validate 100: ${v.validate_s.toFixed(2)} s, parseDocument ${v.floor_s.toFixed(2)} s (medians of 7), ratio ${v.ratio.toFixed(3)} (best of each: ${v.ratio_of_best.toFixed(3)})`,
  );

  // An evenly spread sample of the first client's documents (the binder among them).
  const all = roots[0]?.jobs ?? [];
  const k = Math.min(Number(values.naive), all.length);
  const sample = Array.from({ length: k }, (_, i) => all[Math.floor((i * all.length) / k)]?.path ?? '');
  const naive = await naivePerDoc(roots[0]?.dir ?? '', sample, join(tmp, 'naive'));
  log(`naive ${naive.toFixed(2)} s per document over ${sample.length}`);

  const profile = values['profile-pdf'] && roots[0] ? await pdfProfile(roots[0].dir, roots[0].jobs) : undefined;
  if (profile) log(`pdf profile, one client: ${JSON.stringify(profile)}`);
  const imports = {
    astro: importSeconds('astro'),
    puppeteer: importSeconds('puppeteer'),
    'src/build/build.ts': importSeconds(join(tool.root, 'src', 'build', 'build.ts')),
  };
  log(`imports: ${JSON.stringify(imports)}`);
  const coldInner = coldDone.ms / 1000;
  const pdfS = (pdfCold + pdfAgain) / 2;
  const siteS = stageSeconds(cold.events, 'site');
  const result = {
    clients: N,
    pdfs,
    pdf_files: pdfFiles,
    pages,
    binder_pages: binderPages,
    validate_s: round(Number(cold.events.find((e) => e.event === 'validate')?.ms ?? 0) / 1000),
    render_s: round(stageSeconds(cold.events, 'render')),
    site_s: round(siteS),
    pdf_s: round(pdfS),
    publish_s: round(stageSeconds(cold.events, 'publish') + stageSeconds(cold.events, 'versions')),
    docx_s: round(stageSeconds(cold.events, 'docx')),
    cold_s: round(cold.wall_s),
    cold_inner_s: round(coldInner),
    pdf_floor_s: round(floorA.seconds),
    pdf_floor_prints: floorA.prints,
    pdf_ratio: round(pdfS / floorA.seconds),
    pdf_s_cold: round(pdfCold),
    pdf_s_force: round(pdfAgain),
    pdf_ratio_cold: round(pdfCold / floorA.seconds),
    pdf_ratio_force: round(pdfAgain / floorA.seconds),
    site_floor_s: round(siteFloorS),
    site_ratio: round(siteS / siteFloorS),
    site_floor_one_client_s: round(siteFloorOneS),
    noop_s: round(noop.wall_s),
    noop_inner_s: round(doneEvent(noop.events).ms / 1000),
    import_s: Object.fromEntries(Object.entries(imports).map(([k, x]) => [k, round(x)])),
    one_change_s: round(one.wall_s),
    one_client_cold_s: round(oneCold.wall_s),
    one_change_ratio: round(one.wall_s / oneCold.wall_s),
    one_change_others_untouched: othersUntouched,
    template_edit_s: round(edit.wall_s),
    template_edit_ratio: round(edit.wall_s / cold.wall_s),
    template_edit_prints: editDone.prints,
    template_edit_pdfs_rewritten: rewritten,
    template_edit_pdfs_total: everyPdf.length,
    template_edit_pdfs_kept: editDone.kept,
    template_edit_stage_s: Object.fromEntries(
      ['render', 'site', 'pdf', 'publish', 'docx'].map((st) => [st, round(stageSeconds(edit.events, st))]),
    ),
    tool_changed_during_run: toolChanged,
    validate_100_s: round(v.validate_s),
    validate_floor_s: round(v.floor_s),
    validate_ratio: round(v.ratio),
    validate_ratio_of_best: round(v.ratio_of_best),
    prints: coldDone.prints,
    numbering_prints: coldDone.numberingPrints,
    binder_prints: binderPrints,
    template_edit_numbering_prints: editDone.numberingPrints,
    part_prints: coldDone.partPrints,
    template_edit_part_prints: editDone.partPrints,
    peak_rss_mb: Math.round(mem.peak_rss_mb),
    peak_pss_mb: Math.round(mem.peak_pss_mb),
    peak_pss_by_kind_mb: mem.peak_by_kind,
    memory_clients: memSlugs.length,
    naive_pdf_s_per_doc: round(naive),
    naive_sample: sample,
    pdf_s_per_doc: round(pdfS / pdfs),
    naive_speedup: round(naive / (pdfS / pdfs), 1),
    ...(profile
      ? { pdf_profile_one_client_s: Object.fromEntries(Object.entries(profile).map(([k, x]) => [k, round(x)])) }
      : {}),
    irplan_commit: tool.commit,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      memory_gb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      chromium: await chromiumVersion(),
      loadavg_at_end: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    },
  };
  printTable(result);
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  for (const dir of kept) rmSync(dir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
  tool.remove();
}

/**
 * An incremental run that must rebuild exactly `built` clients. When irplan's own code changed
 * since the previous run (others work in the same tree), every client is rebuilt: that run is
 * discarded and repeated, at most twice, and the result says so.
 */
async function expectBuilt(built: number, run: () => Promise<CliRun>): Promise<CliRun> {
  for (let attempt = 0; ; attempt++) {
    const r = await run();
    const done = doneEvent(r.events);
    if (done.built === built && done.unchanged === N - built) return r;
    const now = toolHash();
    if (now === lastToolHash || attempt >= 2)
      throw new Error(
        `expected ${built} client(s) rebuilt, got ${done.built} (irplan's code ${now === lastToolHash ? 'did not change' : 'kept changing'})`,
      );
    log(`irplan's code changed during the run: ${done.built} clients rebuilt; repeating`);
    lastToolHash = now;
    toolChanged = true;
  }
}

function toolHash(): string {
  return hashTree(
    ['src', 'templates', 'astro.config.mjs', 'package-lock.json'].map((p) => join(tool.root, p)),
    tool.root,
  );
}

function listPdfs(dir: string): string[] {
  const pdf = join(dir, 'pdf');
  return existsSync(pdf)
    ? readdirSync(pdf)
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => join(pdf, f))
    : [];
}

function countHtml(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
}

function printTable(r: Record<string, unknown>): void {
  const rows: [string, string, string][] = [
    ['clients / documents printed / pages built', `${r.clients} / ${r.pdfs} / ${r.pages}`, ''],
    ['validate (in the cold build)', `${r.validate_s} s`, ''],
    ['render', `${r.render_s} s`, ''],
    [
      'site (Astro, one run per batch of clients)',
      `${r.site_s} s`,
      `floor ${r.site_floor_s} s, ratio ${r.site_ratio} (target <= 1.3)`,
    ],
    [
      'pdf (Puppeteer)',
      `${r.pdf_s} s`,
      `floor ${r.pdf_floor_s} s, ratio ${r.pdf_ratio} (target <= 1.15); the mean of the cold build's ${r.pdf_s_cold} s (${r.pdf_ratio_cold}) and a --force build's after the floor ${r.pdf_s_force} s (${r.pdf_ratio_force})`,
    ],
    ['cold total (wall)', `${r.cold_s} s`, `inside the CLI ${r.cold_inner_s} s`],
    [
      'no-change rebuild (wall)',
      `${r.noop_s} s`,
      `inside the CLI ${r.noop_inner_s} s (target <= 1.0 at 50); imports ${JSON.stringify(r.import_s)}`,
    ],
    [
      'one client changed (wall)',
      `${r.one_change_s} s`,
      `one client cold ${r.one_client_cold_s} s, ratio ${r.one_change_ratio} (target <= 1.3)`,
    ],
    ["other clients' PDFs untouched", String(r.one_change_others_untouched), ''],
    [
      'one playbook template edited (wall)',
      `${r.template_edit_s} s`,
      `ratio to cold ${r.template_edit_ratio} (target <= 0.3); ${r.template_edit_prints} prints (${r.template_edit_part_prints} binder parts printed), ${r.template_edit_pdfs_rewritten} of ${r.template_edit_pdfs_total} PDFs rewritten, ${r.template_edit_pdfs_kept} kept; stages ${JSON.stringify(r.template_edit_stage_s)}`,
    ],
    [
      'validate 100 clients',
      `${r.validate_100_s} s`,
      `parseDocument ${r.validate_floor_s} s, ratio ${r.validate_ratio} (median of 7 pairs; best of each ${r.validate_ratio_of_best}) (target <= 1.3)`,
    ],
    [
      'prints per binder',
      String(r.binder_prints),
      `a first build prints a client's first binder twice (its page numbers come from a print), the others once; ${r.template_edit_numbering_prints} binder(s) printed twice after the template edit; ${r.part_prints} binder parts printed cold`,
    ],
    [
      'peak RSS, process tree',
      `${r.peak_rss_mb} MB`,
      `PSS ${r.peak_pss_mb} MB (shared pages counted once), building ${r.memory_clients} clients (one site batch); target <= 1536 at 100 clients`,
    ],
    [
      'pdf per document',
      `${r.pdf_s_per_doc} s`,
      `naive ${r.naive_pdf_s_per_doc} s, ${r.naive_speedup}x (target >= 5x)`,
    ],
  ];
  const w = Math.max(...rows.map((x) => x[0].length));
  const v = Math.max(...rows.map((x) => x[1].length));
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w)}  ${b.padStart(v)}  ${c}\n`);
  process.stdout.write(`machine: ${JSON.stringify(r.machine)}\n`);
}
