import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../shared/index.ts';

/** Where Chrome or Chromium usually lives, per platform, after the user's own choice. */
const SYSTEM_BROWSERS: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

/**
 * Fewer processes for the same work: each Chromium process maps the browser's code again, so
 * each one costs memory of its own. The GPU and network services run inside the browser process
 * (a print needs no GPU and only loopback requests), and no spare renderer is kept warm for a
 * next tab (the pool opens its pages once).
 */
const FEWER_PROCESSES = [
  '--in-process-gpu',
  '--enable-features=NetworkServiceInProcess2',
  '--disable-features=SpareRendererForSitePerProcess',
];

/**
 * Less memory per renderer, measured on a 12-client batch (issue 25): the back/forward cache kept
 * each page's last documents alive in its renderer (a print never goes back), and low-end device
 * mode makes Blink and V8 keep smaller heaps and caches. The PDFs stay byte-identical with both.
 * Puppeteer merges the --disable-features lists.
 */
const LESS_MEMORY = ['--disable-features=BackForwardCache', '--enable-low-end-device-mode'];

/** Flags for a quiet, headless, offline print browser. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-extensions',
  '--disable-default-apps',
  '--font-render-hinting=none',
  '--mute-audio',
  '--hide-scrollbars',
  ...FEWER_PROCESSES,
  ...LESS_MEMORY,
];

/**
 * Finds a browser the way users expect: PUPPETEER_EXECUTABLE_PATH, then a system Chrome or
 * Chromium, then one installed with `npx puppeteer browsers install chrome`.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const chosen = env.PUPPETEER_EXECUTABLE_PATH;
  if (chosen) {
    if (existsSync(chosen)) return chosen;
    throw new UserError('IRP_NO_BROWSER', `PUPPETEER_EXECUTABLE_PATH is set to ${chosen}, which does not exist`, {
      hint: 'point it at a Chrome or Chromium executable, or unset it to use the system browser',
    });
  }
  for (const candidate of SYSTEM_BROWSERS[process.platform] ?? []) if (existsSync(candidate)) return candidate;
  const cached = await puppeteerCache(env);
  if (cached) return cached;
  throw new UserError('IRP_NO_BROWSER', 'no Chrome or Chromium was found to print the PDFs', { hint: noBrowserHint() });
}

/** Exactly how to get a browser on this machine. */
function noBrowserHint(): string {
  const ways = [
    process.platform === 'linux' ? 'Debian/Ubuntu: sudo apt-get install chromium' : 'install Google Chrome',
    'or: npx puppeteer browsers install chrome',
    'or: set PUPPETEER_EXECUTABLE_PATH=/path/to/chrome',
    'or build without PDFs: npx irplan build --no-pdf',
  ];
  return ways.join('; ');
}

async function puppeteerCache(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const { computeExecutablePath, getInstalledBrowsers } = await import('@puppeteer/browsers');
    const cacheDir = env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');
    if (!existsSync(cacheDir)) return undefined;
    const installed = await getInstalledBrowsers({ cacheDir });
    const chrome = installed.find((b) => b.browser === 'chrome' || b.browser === 'chrome-headless-shell');
    if (!chrome) return undefined;
    const path = computeExecutablePath({ cacheDir, browser: chrome.browser, buildId: chrome.buildId });
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
