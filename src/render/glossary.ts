import { compilePatterns } from '../model/index.ts';
import type { GlossaryTerm } from '../model/index.ts';

// The glossary appendix lists the terms a client's own documents use, decided from the rendered
// text: a client without SQL Server never gets a SQL Server entry, whatever the templates hold.

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The text a reader sees in rendered Markdown: character references decoded, and what is not
 * prose left out (code, which a responder types rather than reads; web and e-mail addresses,
 * whose letters are no words; HTML tags).
 */
export function readableText(md: string): string {
  return (
    md
      .replace(/```[\s\S]*?```/g, ' ')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
      .replace(/&([a-z]+);/g, (whole, name: string) => ENTITIES[name] ?? whole)
      // Invisible joiners keep an address from becoming a link; they would hide it from the next steps.
      .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
      .replace(/`[^`\n]*`/g, ' ')
      .replace(/\]\([^)\s]*\)/g, ']')
      .replace(/<\/?[a-z][^>]*>/gi, ' ')
      .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
      .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
  );
}

/** A test for whether text uses a term: any of its patterns found. */
function termFinder(term: Pick<GlossaryTerm, 'term' | 'patterns'>): (text: string) => boolean {
  const res = compilePatterns(term);
  return (text) => res.some((re) => re.test(text));
}

/**
 * The terms the documents use, in the glossary's order, with the terms their definitions use in
 * turn, so that no definition leans on a word the appendix leaves out.
 */
export function usedTerms(terms: GlossaryTerm[], bodies: string[]): GlossaryTerm[] {
  const finders = new Map(terms.map((t) => [t, termFinder(t)]));
  const used = new Set<GlossaryTerm>();
  let text = bodies.map(readableText).join('\n');
  while (text !== '') {
    const found = terms.filter((t) => !used.has(t) && finders.get(t)?.(text));
    for (const t of found) used.add(t);
    text = found.map((t) => t.definition).join('\n');
  }
  return terms.filter((t) => used.has(t));
}
