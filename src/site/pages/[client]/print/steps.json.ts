// Every step of the client's playbooks and checklists with its id (INCIDENT-LOG-SPEC.md). Under
// print/, so it is never published; the build copies it to dist/<slug>/steps.json.
import type { APIRoute } from 'astro';
import { clientSteps } from '../../../lib/incidents.ts';
import { perClient } from '../../../lib/meta.ts';

export function getStaticPaths() {
  return perClient();
}

export const GET: APIRoute = async ({ params }) => {
  const { steps } = await clientSteps(params.client ?? '');
  return new Response(`${JSON.stringify({ steps }, null, 2)}\n`);
};
