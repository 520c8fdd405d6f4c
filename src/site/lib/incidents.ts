// The after-action reports of a client's imported incidents (written by the build, print only) and
// the steps of its site: the ids the incident page ticks, listed with render's own stepsOf.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentReport } from '../../incident/index.ts';
import type { PlanStep } from '../../render/index.ts';
import { stepsOf } from '../../render/index.ts';
import { SITE_FILES } from '../contract.ts';
import { clientDocs } from './meta.ts';

/** The reports of one client's imported incidents; none when the build wrote none. */
export function clientIncidents(client: string): IncidentReport[] {
  const dir = process.env.IRPLAN_CONTENT;
  if (!dir) throw new Error('IRPLAN_CONTENT is not set: run the site through `irplan build`');
  const file = join(dir, client, SITE_FILES.incidents);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as IncidentReport[]) : [];
}

/** Every step of the client's site documents, in the site's order, with their titles by document id. */
export async function clientSteps(client: string): Promise<{ steps: PlanStep[]; titles: Map<string, string> }> {
  const docs = (await clientDocs('site', client)).sort((a, b) => a.data.order - b.data.order);
  return {
    steps: docs.flatMap((d) => stepsOf(d.rendered?.html ?? '', d.data.id)),
    titles: new Map(docs.map((d) => [d.data.id, d.data.title])),
  };
}
