// A Markdown table must have a header row, so the templates' key/value tables (the regulatory section's
// rule tables, document control, maintenance) start with an empty one (`| | |`). Rendered, it is a grey
// band of empty header cells above the table, repeated at every page break of the PDF. It is taken out of
// the HTML once, for the site, the print pages and the offline copy alike.

/** A header row whose every cell is empty (attributes such as align allowed, no text at all). */
const EMPTY_HEAD = /<thead>\s*<tr>(?:\s*<th(?:\s[^>]*)?><\/th>)+\s*<\/tr>\s*<\/thead>\s*/g;

/** Removes each table's header row when all its cells are empty; tables with column headings keep theirs. */
export function dropEmptyHeads(html: string): string {
  return html.replace(EMPTY_HEAD, '');
}
