// The banner every page of the site carries (Site.astro), hidden until an incident is open on this device.

/** The banner element of the layout. */
export function banner(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-incident-banner]');
}

/** Shows the banner with the open incident's id, or hides it (null). */
export function showBanner(id: string | null): void {
  const el = banner();
  if (!el) return;
  el.hidden = id === null;
  const name = el.querySelector('[data-incident-banner-id]');
  if (name) name.textContent = id ?? '';
}
