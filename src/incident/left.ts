import type { IncidentReport, TickedStep } from './report.ts';

// Which steps were not done: the site's steps (render's stepsOf over the site's documents, which
// only the Astro run has) against the steps ticked when the log ends. Only the documents the
// incident used are listed: the playbook of its type, and every document with a ticked step.

/** A step of the site, as render's stepsOf lists it. */
export interface SiteStep {
  id: string;
  doc: string;
  text: string;
  phase: string;
}

/** Steps not done per document in play, and the ticked steps of the playbook's containment phase. */
export function stepsLeft(
  steps: SiteStep[],
  report: IncidentReport,
  containPhase: string,
): { left: { doc: string; steps: SiteStep[] }[]; contained: TickedStep[] } {
  const ticked = new Set(report.ticked.map((t) => t.id));
  const docs = [report.playbook, ...steps.filter((s) => ticked.has(s.id)).map((s) => s.doc)];
  const inPlay = [...new Set(docs)].filter((doc) => steps.some((s) => s.doc === doc));
  const left = inPlay
    .map((doc) => ({ doc, steps: steps.filter((s) => s.doc === doc && !ticked.has(s.id)) }))
    .filter((d) => d.steps.length > 0);
  const word = containPhase.toLowerCase();
  const containing = new Set(
    steps.filter((s) => s.doc === report.playbook && s.phase.toLowerCase().includes(word)).map((s) => s.id),
  );
  return { left, contained: report.ticked.filter((t) => containing.has(t.id)) };
}
