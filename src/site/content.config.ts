// Two collections of rendered documents: `site` (published, private numbers left out) and
// `print` (for the PDFs), for every client of this build. The render stage writes them as JSON,
// one folder per client; Astro's own Markdown processor turns each body into HTML here. Entry ids
// are `<client>/<document id>`, so clients built together never share an entry.
import { defineCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteDoc } from './contract.ts';
import { dropEmptyHeads } from './table-heads.ts';

function documents(audience: 'site' | 'print') {
  return defineCollection({
    loader: {
      name: `irplan-${audience}`,
      load: async ({ store, renderMarkdown }) => {
        const dir = process.env.IRPLAN_CONTENT;
        if (!dir) throw new Error('IRPLAN_CONTENT is not set: run the site through `irplan build`');
        const { clients } = JSON.parse(readFileSync(join(dir, 'batch.json'), 'utf8')) as { clients: string[] };
        store.clear();
        for (const client of clients) {
          const docs = JSON.parse(readFileSync(join(dir, client, `${audience}.json`), 'utf8')) as SiteDoc[];
          for (const doc of docs) {
            const { body, ...data } = doc;
            const rendered = await renderMarkdown(body);
            store.set({
              id: `${client}/${doc.id}`,
              data: { ...data, client },
              body,
              // Key/value tables have no column headings: their empty header row is not drawn (table-heads.ts).
              rendered: { ...rendered, html: dropEmptyHeads(rendered.html) },
            });
          }
        }
      },
    },
  });
}

export const collections = { site: documents('site'), print: documents('print') };
