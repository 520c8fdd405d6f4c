// The site's one script (Site.astro), bundled by Astro into one file without imports, which
// src/site/classic-scripts.ts turns into a classic script: a site opened as a file loads it too.
import { bootPage } from './boot.ts';
import { runIncidentPage } from './page.ts';
import { say } from './words.ts';

void bootPage();
runIncidentPage().catch((err: unknown) => {
  const out = document.querySelector('[data-incident-alert]');
  if (out) out.textContent = say('site.incident_error_save', { error: String(err) });
});
