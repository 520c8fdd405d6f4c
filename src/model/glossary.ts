import { UserError } from '../shared/index.ts';
import type { GlossaryEntry, Tables } from './tables.ts';

/** A glossary term as templates read it: the term, what it means, and how it is found in text. */
export interface GlossaryTerm {
  term: string;
  definition: string;
  patterns: string[];
}

/**
 * The terms of the glossary table that have a definition, alphabetically. An entry must have
 * either a definition or a reason it needs none, and patterns that compile: a table that breaks
 * either rule is refused rather than printed half right.
 */
export function buildGlossary(tables: Tables): GlossaryTerm[] {
  for (const e of tables.glossary) {
    if ((e.definition === undefined) === (e.not_technical === undefined))
      throw new UserError('IRP_TABLE', `glossary.yaml: "${e.term}" needs either a definition or not_technical`, {
        hint: 'a technical term gets a definition; a name of an organisation, a law or a place gets not_technical: <why>',
      });
    compilePatterns(e);
  }
  return tables.glossary
    .flatMap((e) =>
      e.definition === undefined ? [] : [{ term: e.term, definition: e.definition, patterns: e.patterns }],
    )
    .sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
}

/**
 * A pattern's regular expression, bounded so it matches whole words only. A pattern without a
 * lower-case letter (an acronym: WAL, EDR) matches case-sensitively, so "wal" in a word never
 * counts; any other matches whatever the case, so a term at the start of a sentence counts too.
 */
export function compilePatterns(entry: Pick<GlossaryEntry, 'term' | 'patterns'>): RegExp[] {
  return entry.patterns.map((p) => {
    try {
      return new RegExp(`(?<![\\p{L}\\p{N}])(?:${p})(?![\\p{L}\\p{N}])`, /\p{Ll}/u.test(p) ? 'iu' : 'u');
    } catch (cause) {
      throw new UserError(
        'IRP_TABLE',
        `glossary.yaml: the pattern "${p}" of "${entry.term}" is not a regular expression`,
        {
          hint: 'patterns are JavaScript regular expressions: escape . ( ) [ ] with a backslash to match them as text',
          cause,
        },
      );
    }
  });
}
