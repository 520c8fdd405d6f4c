// The words the incident scripts write, from the client's message catalogue: the incident page puts
// the `site.incident_` messages into a JSON script element for them.

let catalogue: Record<string, string> | null = null;

/** A message (its whole key, `site.incident_...`) with its {name} placeholders filled in; the key when the page lacks it. */
export function say(key: string, vars: Record<string, string | number> = {}): string {
  catalogue ??= JSON.parse(document.querySelector('[data-incident-words]')?.textContent || '{}') as Record<
    string,
    string
  >;
  const text = catalogue[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole));
}
