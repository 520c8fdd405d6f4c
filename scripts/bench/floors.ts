// The floors the pipeline is compared with: bare Puppeteer on the same print pages, a bare Astro
// build of as many pages, yaml's parseDocument alone, and a fresh Chromium per document.
import { execFileSync, spawn as spawnAsync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import type { Page } from 'puppeteer';
import { parseDocument } from 'yaml';
import type { readClients as readClientsType } from '../../src/plan/read.ts';
import { TOOL_ROOT } from '../../src/shared/project.ts';
import { BROWSER_ARGS, findBrowser } from '../../src/pdf/browser.ts';
import { readOutline, readPages } from '../../src/pdf/outline.ts';
import { serveStatic } from '../../src/pdf/server.ts';
import { likelyWide, WIDE_FROM, widenXrefs } from '../../src/pdf/xref.ts';

/** One print the pipeline made: a served page, its paper, and whether it is a binder. */
export interface FloorJob {
  url: string;
  paper: 'letter' | 'a4';
  binder: boolean;
  /** The client's first binder: in a first build its page numbers come from a first print. */
  learnsNumbers?: boolean;
}

/**
 * Floor (a): the same prints from one warm browser and a pool of two pages, nothing else (no
 * page numbers written in, no PDF post-processing). Each client's first binder is printed twice,
 * as the pipeline learns its page numbers from a first print and the client's other binder takes
 * them. Browser launch included, as in the pipeline's pdf stage.
 */
export async function pdfFloor(
  roots: { dir: string; jobs: (Omit<FloorJob, 'url'> & { path: string })[] }[],
  outDir: string,
): Promise<{ seconds: number; prints: number }> {
  const servers = await Promise.all(roots.map((r) => serveStatic(r.dir, '/')));
  const queue: FloorJob[] = roots.flatMap((r, i) => {
    const first = r.jobs.findIndex((j) => j.binder);
    return r.jobs.map((j, k) => ({
      url: `${servers[i]?.origin}/${j.path}`,
      paper: j.paper,
      binder: j.binder,
      learnsNumbers: k === first,
    }));
  });
  mkdirSync(outDir, { recursive: true });
  let prints = 0;
  const started = performance.now();
  const browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
  try {
    let next = 0;
    const worker = async (page: Page) => {
      for (let job = queue[next++]; job; job = queue[next++]) {
        await page.goto(job.url, { waitUntil: 'load' });
        const options = barePrintOptions(job.paper);
        // As the pipeline does: a long binder gets three-digit page slots before its first print.
        const early = job.binder && (await likelyWide(page)) && (await widenXrefs(page));
        const pdf = await page.pdf(options);
        writeFileSync(join(outDir, `${next}.pdf`), pdf);
        prints++;
        // A binder of 100 pages or more that did not get the wider slots up front is laid out and
        // printed again with them (src/pdf/numbered.ts), as is a client's first binder.
        const { pageCount } = job.binder ? readPages(Buffer.from(pdf)) : { pageCount: 0 };
        if (job.learnsNumbers || (job.binder && !early && pageCount >= WIDE_FROM)) {
          await page.pdf(options);
          prints++;
        }
      }
    };
    await Promise.all([worker(await browser.newPage()), worker(await browser.newPage())]);
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
  return { seconds: (performance.now() - started) / 1000, prints };
}

/**
 * Floor (b): one bare Astro build of `pages` simple Markdown pages, timed inside a child process
 * around build() alone (the pipeline's site stage also excludes importing Astro).
 */
export function siteFloor(pages: number): number {
  const root = join(TOOL_ROOT, 'node_modules', '.irplan-bench', `site-${process.pid}-${pages}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'src', 'pages'), { recursive: true });
  try {
    writeFileSync(join(root, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(join(root, 'astro.config.mjs'), 'export default {};\n');
    const body = Array.from(
      { length: 12 },
      (_, i) =>
        `## Step ${i + 1}\n\nCall the incident commander, write down the time, and keep the evidence.\n\n| Who | What |\n| --- | --- |\n| IT | Isolate the host |\n`,
    ).join('\n');
    for (let i = 0; i < pages; i++)
      writeFileSync(join(root, 'src', 'pages', `page-${i}.md`), `---\ntitle: Page ${i}\n---\n\n# Page ${i}\n\n${body}`);
    writeFileSync(
      join(root, 'build.mjs'),
      [
        "import { build } from 'astro';",
        'const t = performance.now();',
        "await build({ root: process.cwd(), logLevel: 'error', mode: 'production' });",
        'console.log(JSON.stringify({ ms: performance.now() - t }));',
        'process.exit(0);',
      ].join('\n'),
    );
    const out = execFileSync(process.execPath, ['build.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      maxBuffer: 64 << 20,
    });
    const line =
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop() ?? '{}';
    return (JSON.parse(line) as { ms: number }).ms / 1000;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Floor (c) and what it is compared with: readClients and parseDocument over the same files, in 7
 * interleaved pairs. The ratio is the median of the pairs' ratios: on this machine one parse of the
 * same files took anywhere from 3.4 to 5.5 s within a minute, and the two halves of a pair share
 * that drift, where the best of each (the figure until session 4) paired a lucky floor with
 * an unlucky validation (best of 8: 1.34, median of the pairs: 1.17). The best ratio is kept too.
 */
export function validateTimes(
  readClients: typeof readClientsType,
  plansDir: string,
  files: string[],
): { validate_s: number; floor_s: number; ratio: number; ratio_of_best: number } {
  const time = (work: () => void) => {
    const t = performance.now();
    work();
    return (performance.now() - t) / 1000;
  };
  const floors: number[] = [];
  const validates: number[] = [];
  for (let i = 0; i < 7; i++) {
    floors.push(
      time(() => {
        for (const f of files) parseDocument(readFileSync(f, 'utf8'));
      }),
    );
    validates.push(
      time(() => {
        const r = readClients(plansDir, []);
        if (r.errors.length > 0) throw new Error(`validation failed: ${r.errors[0]?.message}`);
      }),
    );
  }
  return {
    validate_s: median(validates),
    floor_s: median(floors),
    ratio: median(validates.map((v, i) => v / (floors[i] as number))),
    ratio_of_best: Math.min(...validates) / Math.min(...floors),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** The naive peer: a fresh `chromium --headless --print-to-pdf` per document; seconds per document. */
export async function naivePerDoc(root: string, paths: string[], outDir: string): Promise<number> {
  const server = await serveStatic(root, '/');
  mkdirSync(outDir, { recursive: true });
  const chromium = await findBrowser();
  let total = 0;
  try {
    for (const [i, path] of paths.entries()) {
      const t = performance.now();
      const res = await new Promise<number>((resolve) => {
        // Async spawn, so the static server in this process keeps answering.
        const child = spawnAsync(chromium, [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          `--print-to-pdf=${join(outDir, `naive-${i}.pdf`)}`,
          `${server.origin}/${path}`,
        ]);
        child.on('close', (code) => resolve(code ?? 1));
      });
      total += (performance.now() - t) / 1000;
      if (res !== 0) throw new Error(`chromium --print-to-pdf failed for ${path}`);
    }
  } finally {
    await server.close();
  }
  return total / paths.length;
}

/** Chromium's version line, for the machine info. */
export async function chromiumVersion(): Promise<string> {
  const r = spawnSync(await findBrowser(), ['--version'], { encoding: 'utf8' });
  return (r.stdout ?? '').trim();
}

/** How long a fresh Node takes to import a module (what a no-change build pays before it can skip). */
export function importSeconds(specifier: string): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: TOOL_ROOT, encoding: 'utf8' });
  return Number(out.trim().split('\n').pop()) / 1000;
}

/**
 * A profile of what the pipeline adds per print, on one client's documents: the same pool of two
 * pages runs the jobs bare, then with each addition of src/pdf/print.ts alone. Seconds per variant.
 */
export async function pdfProfile(
  dir: string,
  jobs: (Omit<FloorJob, 'url'> & { path: string })[],
): Promise<Record<string, number>> {
  const { normalizePdf } = await import('../../src/pdf/postprocess.ts');
  const server = await serveStatic(dir, '/');
  const browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
  const variants: Record<string, { intercept?: boolean; fonts?: boolean; normalize?: boolean; outline?: boolean }> = {
    bare: {},
    intercept: { intercept: true },
    fonts_ready: { fonts: true },
    normalize: { normalize: true },
    read_outline: { outline: true },
    bare_again: {},
  };
  const result: Record<string, number> = {};
  try {
    for (const [name, v] of Object.entries(variants)) {
      const pages = [await browser.newPage(), await browser.newPage()];
      if (v.intercept) {
        for (const page of pages) {
          await page.setRequestInterception(true);
          page.on('request', (req) => {
            const u = new URL(req.url());
            if (u.hostname === '127.0.0.1' || u.protocol === 'data:') void req.continue();
            else void req.abort('blockedbyclient');
          });
        }
      }
      let next = 0;
      const started = performance.now();
      await Promise.all(
        pages.map(async (page) => {
          for (let job = jobs[next++]; job; job = jobs[next++]) {
            await page.goto(`${server.origin}/${job.path}`, { waitUntil: 'load' });
            if (v.fonts) await page.evaluate(() => document.fonts.ready.then(() => undefined));
            const options = barePrintOptions(job.paper);
            const pdf = Buffer.from(await page.pdf(options));
            if (job.binder) {
              const first = (v.outline ? readOutline(pdf)[1]?.page : undefined) ?? 3;
              await page.pdf({ ...options, pageRanges: `1-${first - 1}` });
            }
            if (v.normalize) normalizePdf(pdf, { epochSeconds: 1764000000, title: 't', author: 'a', subject: 's' });
          }
        }),
      );
      result[name] = (performance.now() - started) / 1000;
      await Promise.all(pages.map((p) => p.close()));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return result;
}

/** The print settings of a bare Puppeteer print, as irplan prints (kept apart from src/pdf so the floor stays bare). */
function barePrintOptions(paper: string | undefined) {
  return {
    preferCSSPageSize: true,
    printBackground: true,
    outline: true,
    tagged: true,
    format: paper === 'a4' ? 'A4' : 'Letter',
    waitForFonts: true,
  } as const;
}
