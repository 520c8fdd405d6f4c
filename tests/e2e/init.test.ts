import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { irplan, REPO, tempDir, tool } from '../helpers/cli.ts';

// A consultant's own repository, as the README's "Getting started as an MSP" makes it: irplan
// init, npm install from the npm cache, then new, validate and build with the repository's own
// irplan and Node.js. Nothing the example MSP (plans/defaults.yaml of irplan) says may show up.

const MSP = 'Harbour Tech';
const HOTLINE = '+1 416 555 0199';

/** The environment of a consultant's shell: no npm script variables, and no Node.js of irplan's on PATH. */
function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|init_cwd$)/i.test(k)) env[k] = v;
  Object.assign(env, { NO_COLOR: '1', GIT_AUTHOR_NAME: 'Sam Consultant', GIT_AUTHOR_EMAIL: 'sam@harbour.example' });
  Object.assign(env, { GIT_COMMITTER_NAME: 'Sam Consultant', GIT_COMMITTER_EMAIL: 'sam@harbour.example' });
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((p) => !p.startsWith(REPO))
    .join(delimiter);
  return env;
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env: shellEnv(), encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}\n${r.stderr}` };
}

/** What identifies the example MSP: its name, people, e-mail domains and numbers (as written and as dialled). */
function exampleNeedles(): string[] {
  const data = parse(readFileSync(join(REPO, 'plans', 'defaults.yaml'), 'utf8')) as {
    msp: { name: string };
    contacts: { name: string; email?: string; phones: { number: string }[] }[];
  };
  return [
    data.msp.name,
    ...data.contacts.flatMap((c) => [
      c.name,
      ...(c.email ? [c.email.split('@')[1] ?? c.email] : []),
      ...c.phones.flatMap((p) => [p.number, `+${p.number.replace(/\D/g, '')}`]),
    ]),
  ];
}

/** Every file under `dir` as text (PDFs through pdftotext), by relative path; node_modules and .git left out. */
function texts(dir: string, root = dir, out = new Map<string, string>()): Map<string, string> {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, d.name);
    if (d.isDirectory() && d.name !== 'node_modules' && d.name !== '.git') texts(file, root, out);
    if (!d.isFile()) continue;
    out.set(
      relative(root, file),
      file.endsWith('.pdf') ? tool('pdftotext', [file, '-']) : readFileSync(file, 'latin1'),
    );
  }
  return out;
}

describe('irplan init: a plans repository of your own', () => {
  const parent = tempDir('irplan-init-');
  const repo = join(parent, 'harbour-plans');
  const slug = 'maple-ledger';

  test('init writes the scaffold, with our MSP, irplan as a dependency and its Node.js pinned', () => {
    const r = irplan(['init', 'harbour-plans', '--msp-name', MSP, '--msp-hotline', HOTLINE], { cwd: parent });
    expect(r.code, r.stderr).toBe(0);
    const own = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ irplan: `file:${REPO}` });
    expect(pkg.devDependencies).toEqual({ node: own.devDependencies.node });
    expect(pkg.scripts.validate).toBe('irplan validate');
    // Every file of the scaffold, the pull-request workflow included, and nothing of irplan's own plans.
    const shipped = readdirSync(join(REPO, 'scaffold'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => relative(join(REPO, 'scaffold'), join(d.parentPath, d.name)).replace(/^gitignore$/, '.gitignore'));
    const made = [...texts(repo).keys()];
    expect(made.sort()).toEqual(shipped.sort());
    expect(made).toContain(join('.github', 'workflows', 'irplan.yml'));
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toMatch(/^node_modules\/$/m);
    if (spawnSync('git', ['--version']).status === 0) expect(existsSync(join(repo, '.git'))).toBe(true);
    const defaults = readFileSync(join(repo, 'plans', 'defaults.yaml'), 'utf8');
    expect(defaults).toContain(`name: "${MSP}"`);
    expect(defaults).toContain(`number: "${HOTLINE}"`);
  });

  test('init refuses a folder that is not empty, and names it', () => {
    writeFileSync(join(parent, 'notes.txt'), 'mine\n');
    const r = irplan(['init', '.'], { cwd: parent });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error IRP_EXISTS \. is not empty/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(parent, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  test('npm install takes irplan and its Node.js from the npm cache', { timeout: 600_000 }, () => {
    // --prefer-offline: the cache serves every package; npm asks the registry only for metadata
    // it has never seen (a machine set up with npm ci caches the tarballs, not the package lists).
    const r = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], repo);
    expect(r.code, r.out).toBe(0);
    expect(existsSync(join(repo, 'node_modules', '.bin', 'irplan'))).toBe(true);
    expect(existsSync(join(repo, 'package-lock.json'))).toBe(true);
  });

  test('new, validate, release --as-is and build work with npx irplan; the TODOs are listed', {
    timeout: 600_000,
  }, () => {
    const irplanHere = (...args: string[]) => run('npx', ['--no-install', 'irplan', ...args], repo);
    const made = irplanHere('new', slug, '--name', 'Maple Ledger LLP');
    expect(made.code, made.out).toBe(0);
    // The editor's schema is found through the installed irplan, a path that works on every machine.
    const written = readFileSync(join(repo, 'plans', slug, 'plan.yaml'), 'utf8');
    expect(written.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/irplan/src/schema/plan.schema.json',
    );
    expect(existsSync(join(repo, 'plans', slug, '../../node_modules/irplan/src/schema/plan.schema.json'))).toBe(true);
    const valid = irplanHere('validate');
    expect(valid.code, valid.out).toBe(0);
    expect(valid.stdout).toMatch(/^plans\/defaults\.yaml:\d+:\d+ warning IRP_TODO still to fill in: /m);
    expect(valid.stdout).not.toContain('IRP_EXAMPLE_MSP');
    // The first release: the version the scaffold wrote, approved by the client's first contact.
    expect(run('git', ['add', '-A'], repo).code).toBe(0);
    expect(run('git', ['commit', '-q', '-m', 'Maple Ledger: first plan'], repo).code).toBe(0);
    const plan = parse(readFileSync(join(repo, 'plans', slug, 'plan.yaml'), 'utf8'));
    const released = irplanHere('release', slug, '--as-is', '--approver', plan.contacts[0].id, '--date', '2026-12-01');
    expect(released.code, released.out).toBe(0);
    expect(run('git', ['tag'], repo).stdout).toBe(`${slug}@${plan.plan.version}\n`);
    const built = irplanHere('build', slug);
    expect(built.code, built.out).toBe(0);
    expect(built.stderr).toMatch(/^plans\/defaults\.yaml:\d+:\d+ warning IRP_TODO /m);
    expect(existsSync(join(repo, 'dist', slug, 'pdf', `${slug}-binder.pdf`))).toBe(true);
    expect(existsSync(join(repo, 'dist', slug, 'site', 'versions', plan.plan.version, 'index.html'))).toBe(true);
  });

  test('no output, and no file of the repository, says anything of the example MSP', () => {
    const needles = exampleNeedles();
    expect(needles.length).toBeGreaterThan(4);
    const files = texts(repo);
    // The search reads what it should: our MSP is on the binder and the site.
    expect(files.get(join('dist', slug, 'pdf', `${slug}-binder.pdf`))).toContain(MSP);
    expect(files.get(join('dist', slug, 'site', 'index.html'))).toContain(MSP);
    const leaks = [...files].flatMap(([file, text]) =>
      needles.filter((n) => text.includes(n)).map((n) => `${file}: ${n}`),
    );
    expect(leaks).toEqual([]);
  });
});

describe('irplan init without the hotline, and from elsewhere', () => {
  test('the hotline is a TODO that fails validation at its line until it is filled in', () => {
    const parent = tempDir('irplan-init-');
    expect(irplan(['init', 'plans-repo'], { cwd: parent }).code).toBe(0);
    const repo = join(parent, 'plans-repo');
    expect(irplan(['new', 'acme'], { cwd: repo }).code).toBe(0);
    const r = irplan(['validate'], { cwd: repo });
    expect(r.code).toBe(1);
    const lines = readFileSync(join(repo, 'plans', 'defaults.yaml'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('number: "TODO')) + 1;
    expect(at).toBeGreaterThan(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `^plans/defaults\\.yaml:${at}:\\d+ error IRP_\\w+ contacts\\[\\d+\\]\\.phones\\[0\\]\\.number "TODO`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(new RegExp(`^plans/defaults\\.yaml:${at}:\\d+ warning IRP_TODO `, 'm'));
    expect(r.stdout).toMatch(/warning IRP_TODO still to fill in: your MSP's name/);
  });

  test('--from takes a tarball by its absolute path and a git URL as written; a bad hotline is refused', () => {
    const parent = tempDir('irplan-init-');
    writeFileSync(join(parent, 'irplan-1.0.0.tgz'), '');
    expect(irplan(['init', 'a', '--from', 'irplan-1.0.0.tgz'], { cwd: parent }).code).toBe(0);
    const dep = (dir: string) => JSON.parse(readFileSync(join(parent, dir, 'package.json'), 'utf8')).dependencies;
    expect(dep('a')).toEqual({ irplan: `file:${join(parent, 'irplan-1.0.0.tgz')}` });
    const git = 'git+https://git.example/msp/irplan.git#v1.0.0';
    expect(irplan(['init', 'b', '--from', git], { cwd: parent }).code).toBe(0);
    expect(dep('b')).toEqual({ irplan: git });
    const bad = irplan(['init', 'c', '--msp-hotline', '416 555 0199'], { cwd: parent });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error IRP_ARGS --msp-hotline .* international form/);
    expect(existsSync(join(parent, 'c'))).toBe(false);
  });
});
