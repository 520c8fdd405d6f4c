import { UserError } from '../shared/index.ts';
import type { Asset, Plan } from '../plan/index.ts';
import { applies } from './match.ts';
import type { AssetFacts } from './match.ts';
import { matchProduct } from './products.ts';
import type { Tables } from './tables.ts';

// Which incident types a client gets (incidents.yaml): each type brings a playbook, its response
// checklist, a column of the triage matrix and a row of call-list changes, so a type the client's
// data does not call for would be pages about systems it does not have.

type IncidentEntry = Tables['incidents'][number];

/** Kinds of data flow an incident type can ask for: `outside`, a flow to or from a system that is no asset. */
const FLOW_KINDS = ['outside'];

/** The yes-or-no facts a match rule can name (`flags:`), from the asset's own fields. */
export function assetFlags(a: { internet_facing?: boolean | undefined }): string[] {
  return a.internet_facing === true ? ['internet-facing'] : [];
}

/** The incident types this client gets, in table order: those for every client and those its data calls for. */
export function selectIncidents(plan: Plan, tables: Tables): IncidentEntry[] {
  for (const i of tables.incidents) checkEntry(i, tables);
  // Only what the type is: the rules that chose it have done their work and stay out of the model.
  return tables.incidents
    .filter((i) => callsFor(i, plan, tables))
    .map(({ id, label, also_call }) => ({ id, label, also_call }));
}

/** True when the type is for every client, or any one of its conditions holds for this client. */
function callsFor(i: IncidentEntry, plan: Plan, tables: Tables): boolean {
  const products = i.products ?? [];
  const flows = i.flows ?? [];
  if (!i.match && products.length === 0 && flows.length === 0) return true;
  const assets = plan.assets ?? [];
  const { match } = i;
  const rule = { match: match ?? {}, ...(i.except ? { except: i.except } : {}) };
  return (
    (match !== undefined && assets.some((a) => applies(rule, factsOf(a)))) ||
    assets.some((a) => products.includes(matchProduct(a.product, tables.products)?.id ?? '')) ||
    (flows.includes('outside') && hasOutsideFlow(plan))
  );
}

function factsOf(a: Asset): AssetFacts {
  return {
    os: a.os,
    kind: a.kind,
    services: a.services ?? [],
    data: a.data ?? [],
    criticality: a.criticality,
    flags: assetFlags(a),
  };
}

/** A data flow whose source or destination is a system outside the client (not one of its assets). */
function hasOutsideFlow(plan: Plan): boolean {
  const ids = new Set((plan.assets ?? []).map((a) => a.id));
  return (plan.data_flows ?? []).some((f) => !ids.has(f.from) || !ids.has(f.to));
}

/** A product or flow kind the table names but irplan does not know would never choose anyone: refuse it. */
function checkEntry(i: IncidentEntry, tables: Tables): void {
  const known = new Set(tables.products.map((p) => p.id));
  const badProduct = (i.products ?? []).find((p) => !known.has(p));
  const badFlow = (i.flows ?? []).find((f) => !FLOW_KINDS.includes(f));
  if (badProduct === undefined && badFlow === undefined) return;
  const message =
    badProduct !== undefined
      ? `incidents.yaml: ${i.id} names the product "${badProduct}", which products.yaml does not list`
      : `incidents.yaml: ${i.id} names the data flow kind "${badFlow}"; the only kind is ${FLOW_KINDS.join(', ')}`;
  throw new UserError('IRP_TABLE', message, {
    hint: 'name products by their id in products.yaml, and data flows as [outside]',
  });
}
