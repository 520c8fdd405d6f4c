import type { Authority, Jurisdiction, Plan } from '../plan/index.ts';

// A region can have standing authorities of its own, like a country's police: Police Scotland for GB-SCT, the
// PSNI for GB-NIR. They join the country's. One that `replaces` a country authority stands in for it (Report
// Fraud takes no reports from Scotland), but only when every place of the client in that country is in the
// region: a firm in Glasgow with a site in London keeps both routes. The data decides which is which.

/** Where the client and each of its sites are; a site that names no place is where the client is. */
function placesOf(plan: Plan): { country: string; region: string | null }[] {
  const c = plan.client;
  return [c, ...(c.locations ?? [])].flatMap((p) => {
    const country = p.country ?? p.region?.slice(0, 2);
    return country ? [{ country, region: p.region ?? null }] : [];
  });
}

/**
 * The standing authorities of the regions the client or its sites are in, and the ids of the authorities
 * they stand in for; a plan's own authority stands in for those its `replaces` names wherever the client is.
 */
export function regionAuthorities(plan: Plan, files: Jurisdiction[]): { standing: Authority[]; replaced: Set<string> } {
  const places = placesOf(plan);
  const standing: Authority[] = [];
  const replaced = new Set<string>();
  for (const f of files)
    for (const r of f.regions ?? []) {
      if (!places.some((p) => p.region === r.code)) continue;
      const whole = places.filter((p) => p.country === f.country).every((p) => p.region === r.code);
      for (const a of r.authorities ?? []) {
        if (a.standing !== true) continue;
        standing.push(a);
        if (whole) for (const id of a.replaces ?? []) replaced.add(id);
      }
    }
  for (const a of plan.jurisdiction?.authorities ?? []) for (const id of a.replaces ?? []) replaced.add(id);
  return { standing, replaced };
}
