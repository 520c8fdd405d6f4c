// Values from a plan go into hand-written HTML pages (the versions page, the portfolio): in text
// and in quoted attributes alike, these five characters are all that can change the markup.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Makes text literal in HTML, in element content and in single- or double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
