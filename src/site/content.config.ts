// Two collections of one client's rendered documents: `site` (published, private numbers left
// out) and `print` (for the PDFs). The render stage writes them as JSON; Astro's own Markdown
// processor turns each body into HTML here.
import { defineCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Doc { id: string; title: string; order: number; kind: string; binder: boolean; checklist: string | null; body: string }

function documents(audience: 'site' | 'print') {
  return defineCollection({
    loader: {
      name: `irplan-${audience}`,
      load: async ({ store, renderMarkdown }) => {
        const dir = process.env.IRPLAN_CONTENT;
        if (!dir) throw new Error('IRPLAN_CONTENT is not set: run the site through `irplan build`');
        const docs = JSON.parse(readFileSync(join(dir, `${audience}.json`), 'utf8')) as Doc[];
        store.clear();
        for (const doc of docs) {
          const { body, ...data } = doc;
          store.set({ id: doc.id, data, body, rendered: await renderMarkdown(body) });
        }
      },
    },
  });
}

export const collections = { site: documents('site'), print: documents('print') };
