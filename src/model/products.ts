import type { ProductEntry } from './tables.ts';

// Products are matched on words, not characters: "Postgres" must not match inside "PostgresQLite",
// and "Apache" alone must not turn "Apache Tomcat" into a web server with httpd's log paths.

/** Lower case, every run of other characters one space, padded so that a search matches whole words. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** The text without its version and model numbers ("Apache 2.4" -> "Apache", "ASA 5506-X" -> "ASA"). */
function withoutVersions(text: string): string {
  return text
    .split(/\s+/)
    .filter((t) => !/\d/.test(t))
    .join(' ');
}

/** The longest name of any product found in `text`, with its product; `exact` names only when asked. */
function bestMatch(text: string, products: ProductEntry[], exact: boolean): ProductEntry | null {
  const all = words(text);
  const bare = words(withoutVersions(text));
  let best: ProductEntry | null = null;
  let length = 0;
  for (const p of products) {
    const hits = [
      ...p.names.filter((n) => all.includes(words(n))),
      ...(exact ? (p.exact ?? []).filter((n) => bare === words(n)) : []),
    ];
    for (const n of hits) {
      if (n.length > length) {
        best = p;
        length = n.length;
      }
    }
  }
  return best;
}

/** The known product an asset's `product:` text names, or null when it names none irplan knows. */
export function matchProduct(text: string | undefined, products: ProductEntry[]): ProductEntry | null {
  return text ? bestMatch(text, products, true) : null;
}

/** A known product named inside an asset's name ("Dispatch ERP (SQL Server)"), for the check's hint. */
export function findProductInName(name: string, products: ProductEntry[]): ProductEntry | null {
  return bestMatch(name, products, false);
}

/** The key of a product's block of steps in the sheet templates: its family, else its id. */
export function productFamily(p: ProductEntry): string {
  return p.family ?? p.id;
}
