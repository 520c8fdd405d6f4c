// MatchRule lives here rather than in tables.ts, so that the table shapes tables.ts reads from other
// files (response-tables.ts) can use it without an import cycle.

/** Which assets a rule picks: any listed service, operating system, kind, data kind or criticality. */
export interface MatchRule {
  os?: string[];
  services?: string[];
  kind?: string[];
  data?: string[];
  criticality?: string[];
  /** Yes-or-no facts of the asset (`internet-facing`: its `internet_facing: true`). */
  flags?: string[];
}

/** What a match rule looks at on an asset. */
export interface AssetFacts {
  os: string | null | undefined;
  kind: string;
  services: string[];
  data: string[];
  criticality: string;
  /** Yes-or-no facts that are true of the asset, as rules name them (`internet-facing`). */
  flags?: string[];
}

/** True when the asset has any service, operating system, kind, data kind, criticality or flag the rule lists. */
export function matchesRule(rule: MatchRule, a: AssetFacts): boolean {
  return Boolean(
    (a.os && rule.os?.includes(a.os)) ||
      rule.kind?.includes(a.kind) ||
      rule.criticality?.includes(a.criticality) ||
      a.services.some((s) => rule.services?.includes(s)) ||
      a.data.some((d) => rule.data?.includes(d)) ||
      (a.flags ?? []).some((f) => rule.flags?.includes(f)),
  );
}

/** True when nothing in the entry's `except` rule keeps the asset out. */
export function notExcepted(entry: { except?: MatchRule }, a: AssetFacts): boolean {
  return !entry.except || !matchesRule(entry.except, a);
}

/** A table entry applies to an asset when its `match` takes it and its `except` does not. */
export function applies(entry: { match: MatchRule; except?: MatchRule }, a: AssetFacts): boolean {
  return matchesRule(entry.match, a) && notExcepted(entry, a);
}
