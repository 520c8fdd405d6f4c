import { join } from 'node:path';
import type { Messages } from '../shared/index.ts';
import { addDays, escapeHtml as esc, formatDate, loadMessages, TOOL_ROOT } from '../shared/index.ts';
import type { PlanVersion } from './list.ts';

// The versions page is plain HTML written next to the Astro site: it must work offline, from a
// file:// copy and without the site's scripts. Every value from the plan is HTML-escaped, and so is
// every message (plain text in the catalogue).

/** A message of the client's catalogue, filled in and HTML-escaped. */
type Say = (key: string, vars?: Record<string, string>) => string;

/** The page listing every version with the dates it was in force (written for the client's locale), and a date lookup. */
export function renderVersionsPage(o: {
  client: string;
  current: string;
  versions: PlanVersion[];
  base: string;
  locale: string;
  /** The client's catalogue; irplan's own for `locale` without one. */
  messages?: Messages;
  /** The site this page belongs to is a draft: the page says so above the list. */
  draft?: boolean;
}): string {
  const messages = o.messages ?? loadMessages(join(TOOL_ROOT, 'templates'), o.locale);
  const say: Say = (key, vars) => esc(messages.text(key, vars));
  const rows = [...o.versions].reverse().map((v) => row(v, o.current, o.locale, say));
  const client = { client: o.client };
  return `<!doctype html>
<html lang="${esc(messages.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${say('versions.page_title', client)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ccc; }
tr.hit { background: #fff3c4; } output { font-weight: 600; }
</style>
</head>
<body>
<p><a href="../">${say('versions.back', client)}</a></p>
<h1>${say('versions.heading')}</h1>
${o.draft ? `<p class="draft" style="color: #8a1c1c"><strong>${say('versions.draft')}</strong></p>\n` : ''}<p>${say('versions.intro', client)}</p>
<form id="lookup" data-found="${say('versions.found', { version: '{version}' })}" data-none="${say('versions.none')}"><label>${say('versions.lookup')} <input type="date" id="on" required></label> <button>${say('versions.show')}</button> <output id="answer" for="on"></output></form>
<table>
<thead><tr><th>${say('versions.version')}</th><th>${say('versions.from')}</th><th>${say('versions.until')}</th><th>${say('versions.plan')}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<script>
// Dates are YYYY-MM-DD, so comparing the strings compares the dates.
const form = document.getElementById('lookup');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const on = document.getElementById('on').value;
  let found = null;
  for (const tr of document.querySelectorAll('tbody tr')) {
    const hit = tr.dataset.from <= on && (!tr.dataset.until || on < tr.dataset.until);
    tr.classList.toggle('hit', hit);
    if (hit) found = tr.dataset.version;
  }
  document.getElementById('answer').textContent = found ? form.dataset.found.replace('{version}', found) : form.dataset.none;
});
</script>
</body>
</html>
`;
}

function row(v: PlanVersion, current: string, locale: string, say: Say): string {
  const until = v.until ? esc(formatDate(addDays(v.until, -1), locale) ?? v.until) : say('versions.in_force_now');
  const link = v.path
    ? `<a href="${esc(v.path.replace(/^versions\//, ''))}">${say('versions.view', { version: v.version })}</a>`
    : say(v.tag ? 'versions.not_built' : 'versions.not_tagged');
  const shown = v.version === current ? say('versions.current', { version: v.version }) : esc(v.version);
  return `<tr data-version="${esc(v.version)}" data-from="${esc(v.from)}" data-until="${esc(v.until ?? '')}"><td>${shown}</td><td>${esc(formatDate(v.from, locale) ?? v.from)}</td><td>${until}</td><td>${link}</td></tr>`;
}
