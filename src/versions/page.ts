import { addDays, escapeHtml as esc, formatDate } from '../shared/index.ts';
import type { PlanVersion } from './list.ts';

// The versions page is plain HTML written next to the Astro site: it must work offline, from a
// file:// copy and without the site's scripts. Every value from the plan is HTML-escaped.

/** The page listing every version with the dates it was in force, and a date lookup. */
export function renderVersionsPage(o: {
  client: string;
  current: string;
  versions: PlanVersion[];
  base: string;
}): string {
  const rows = [...o.versions].reverse().map((v) => row(v, o.current));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${esc(o.client)}: plan versions</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ccc; }
tr.hit { background: #fff3c4; } output { font-weight: 600; }
</style>
</head>
<body>
<p><a href="../">← ${esc(o.client)}: current plan</a></p>
<h1>Plan versions</h1>
<p>Each released version of the ${esc(o.client)} incident response plan, with the dates it was in force. A version is in force from its release date until the day before the next release.</p>
<form id="lookup"><label>Which plan was in force on <input type="date" id="on" required></label> <button>Show</button> <output id="answer" for="on"></output></form>
<table>
<thead><tr><th>Version</th><th>In force from</th><th>Until</th><th>Plan</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<script>
// Dates are YYYY-MM-DD, so comparing the strings compares the dates.
document.getElementById('lookup').addEventListener('submit', (e) => {
  e.preventDefault();
  const on = document.getElementById('on').value;
  let found = null;
  for (const tr of document.querySelectorAll('tbody tr')) {
    const hit = tr.dataset.from <= on && (!tr.dataset.until || on < tr.dataset.until);
    tr.classList.toggle('hit', hit);
    if (hit) found = tr.dataset.version;
  }
  document.getElementById('answer').textContent = found ? 'version ' + found : 'no released version was in force then';
});
</script>
</body>
</html>
`;
}

function row(v: PlanVersion, current: string): string {
  const until = v.until ? esc(formatDate(addDays(v.until, -1)) ?? v.until) : 'in force now';
  const link = v.path
    ? `<a href="${esc(v.path.replace(/^versions\//, ''))}">view ${esc(v.version)}</a>`
    : v.tag
      ? 'not built'
      : 'not tagged';
  const mark = v.version === current ? ' (current)' : '';
  return `<tr data-version="${esc(v.version)}" data-from="${esc(v.from)}" data-until="${esc(v.until ?? '')}"><td>${esc(v.version)}${mark}</td><td>${esc(formatDate(v.from) ?? v.from)}</td><td>${until}</td><td>${link}</td></tr>`;
}
