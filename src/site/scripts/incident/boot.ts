// What every page of the published site does (main.ts): start the service worker that keeps the
// site offline, and with an incident open show the banner and the page's step boxes. Without
// JavaScript none of this happens and the pages read as the printed plan.
import { banner, showBanner } from './banner.ts';
import { canRecord, openSession, siteFacts } from './session.ts';
import { enableSteps } from './steps.ts';

/**
 * Registers sw.js at the site's root. The root is read from the banner's link to incident/ (written
 * under --base, or relative to the page), so it is right however the site is published. A site opened
 * as a file has no service worker, and needs none.
 */
function registerWorker(): void {
  const link = banner()?.querySelector<HTMLAnchorElement>('a[href]');
  if (!link || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const root = new URL('../', link.href);
  navigator.serviceWorker.register(new URL('sw.js', root), { scope: root.pathname }).catch(() => undefined);
}

/** Starts the worker; with an incident open, shows the banner and this page's step boxes. */
export async function bootPage(): Promise<void> {
  registerWorker();
  const site = siteFacts();
  if (!site || !canRecord()) return;
  const session = await openSession(site);
  if (!session) return;
  showBanner(session.incident.id);
  await enableSteps(session);
}
