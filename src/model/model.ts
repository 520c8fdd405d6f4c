import { formatDate } from '../shared/index.ts';
import type { Plan } from '../plan/index.ts';
import { buildAssets, listScopes, mapExposed, mapHas, orderRestore } from './assets.ts';
import { buildIncidents, buildSeverities, listFirstCalls } from './calls.ts';
import { buildChecklists, mapSheets } from './checklists.ts';
import { buildContact, buildGroups, makeContactRef } from './contacts.ts';
import { buildDetection } from './detection.ts';
import { floorTables } from './exposure.ts';
import type { FloorTable } from './exposure.ts';
import type { DetectionView } from './detection.ts';
import { buildGovernance } from './governance.ts';
import type { GovernanceView } from './governance.ts';
import { buildGlossary } from './glossary.ts';
import type { GlossaryTerm } from './glossary.ts';
import { selectIncidents } from './incidents.ts';
import { buildInsurance } from './insurance.ts';
import { planLocale, planPaper } from './locale.ts';
import { buildPreparation } from './preparation.ts';
import type { PreparationView } from './preparation.ts';
import { buildLetters } from './letters.ts';
import type { LettersView } from './letters.ts';
import { buildRecovery } from './recovery.ts';
import type { RecoveryView } from './recovery.ts';
import { buildSharing } from './sharing.ts';
import type { SharingView } from './sharing.ts';
import { labelData, mapDataLabels, toCamel } from './names.ts';
import { buildClient, buildContinuity, buildDataFlows, buildExercises, buildMsp, buildPlanView } from './plan.ts';
import { authorityContacts, authorityIndex, groupAuthorities, pickAuthorities } from './authorities.ts';
import { buildExcluded, buildRegulations } from './regulations.ts';
import { deriveRules, heldData } from './rules.ts';
import { buildRoles, mapPersons, mapWho } from './roles.ts';
import { buildStepKinds } from './steps.ts';
import type { StepKindView } from './steps.ts';
import type { Tables } from './tables.ts';
import { buildVendors, pickRequester } from './vendors.ts';
import { clientWords } from './words.ts';
import type {
  AssetView,
  Audience,
  CallEntry,
  ChecklistView,
  ContactView,
  FindingView,
  ModelOptions,
  RoleView,
  VendorView,
} from './types.ts';
import type {
  ClientView,
  ContinuityView,
  DataFlowView,
  ExerciseView,
  GroupView,
  IncidentView,
  InsuranceView,
  MspView,
  PlanView,
  ExcludedRuleView,
  RegulationView,
  SeverityView,
} from './views.ts';

// The model is a pure function of the validated plan, the domain tables and the build options.

/** Everything the templates and the site read for one client. */
export interface Model {
  slug: string;
  draft: boolean;
  audience: Audience;
  buildDate: string;
  buildDateText: string | null;
  client: ClientView;
  plan: PlanView;
  msp: MspView;
  contacts: ContactView[];
  roles: RoleView[];
  /** Role id in camel case to "Technical lead (Dev Patel)". */
  who: Record<string, string>;
  /** Role id in camel case to the person's name alone. */
  person: Record<string, string>;
  /** Scope id in camel case to the names of the assets in it, in priority order. */
  scope: Record<string, string[]>;
  /** Scope id in camel case to whether the client has any such asset: steps for what it lacks are left out. */
  has: Record<string, boolean>;
  /** Incident type in camel case to the names of the assets it can reach (exposure.yaml), in priority order. */
  exposed: Record<string, string[]>;
  /** One vendor sheet per hosted service, and who signs the preservation requests. */
  vendors: VendorView[];
  requester: ContactView | null;
  groups: GroupView[];
  severities: SeverityView[];
  incidents: IncidentView[];
  /** The most severe level's call list: the full call tree. */
  callTree: CallEntry[];
  firstCalls: CallEntry[];
  assets: AssetView[];
  restoreOrder: AssetView[];
  criticalAssets: AssetView[];
  dataFlows: DataFlowView[];
  insurance: InsuranceView | null;
  continuity: ContinuityView | null;
  regulations: RegulationView[];
  /** Derived rules the plan excludes, with its reason. */
  excludedRegulations: ExcludedRuleView[];
  /** Public authorities (police, cyber agency, sanctions, data protection) added to the contacts. */
  authorities: ContactView[];
  /** The public authorities by group in camel case (lawEnforcement, sanctions, cyberAgency, regulator). */
  authorityGroups: Record<string, ContactView[]>;
  /** Duties that only a ransom payment brings (a payment report), for the ransomware playbook. */
  ransomDuties: RegulationView[];
  exercises: ExerciseView[];
  checklists: ChecklistView[];
  forensics: ChecklistView[];
  /** The forensic checklists this client gets, by camel-case id; templates test for the ones they name. */
  sheets: Record<string, ChecklistView | null>;
  byIncident: Record<string, IncidentView>;
  dataLabels: Record<string, string>;
  playbooks: { id: string; label: string }[];
  /** The severity-floor matrix in tables of at most six incident types, so each fits the page. */
  floorTables: FloorTable[];
  tlpRule: string;
  /** Maintenance findings as of the build date, in the order the check runs them. */
  findings: FindingView[];
  /** Kinds of playbook step: containment is done at once, the others may wait for consent. */
  stepKinds: StepKindView[];
  /** Every action a policy may require consent for (templates/data/consent.yaml), whatever this client's policy says. */
  consentActions: { id: string; label: string }[];
  /** The glossary's terms; a template with `glossary: true` gets only those the other documents use. */
  glossary: GlossaryTerm[];
  /** Govern: scope, who declares, spending limits, closure, who does what in each phase. */
  governance: GovernanceView;
  /** Detect: where alerts come from and who watches them (`monitoring:`). */
  detection: DetectionView;
  /** The preparation checklist: jump kit, break-glass accounts, log retention, EDR, backups. */
  preparation: PreparationView;
  /** Recovery engineering: backups to verify, the credential reset order, the watch period. */
  recovery: RecoveryView;
  /** The sector's information-sharing bodies (ISACs) for the client's industry. */
  sharing: SharingView;
  /** The breach-coach pack: who speaks, reviews and signs, and the notices the rules require. */
  letters: LettersView;
  /** The ATT&CK techniques the playbooks may cite ({{attack}}), from templates/data/attack.yaml. */
  attack: { id: string; name: string }[];
}

/** Builds everything the templates need for one client. */
export function buildModel(plan: Plan, allTables: Tables, opts: ModelOptions): Model {
  // Only the incident types this client's data calls for: their playbooks, checklists, matrix columns, call lists.
  const tables: Tables = { ...allTables, incidents: selectIncidents(plan, allTables) };
  // Computed once: every date in the model, and the render's {{date}} helper, use the client's locale.
  const locale = planLocale(plan, tables.jurisdictions);
  // The words the model writes itself, from the client's catalogue (the build's, else irplan's own).
  const words = clientWords(locale, opts.messages);
  const own = plan.contacts.map((c) => buildContact(c, tables, opts.audience, plan.client.country ?? null, locale));
  const derived = deriveRules(
    tables.jurisdictions,
    plan,
    heldData(plan, words.text),
    (k) => labelData(tables, k),
    words.text,
  );
  const index = authorityIndex(tables.jurisdictions, plan);
  const authorities = authorityContacts(tables, pickAuthorities(plan, derived, index), own, words);
  const contacts = [...own, ...authorities];
  const ref = makeContactRef(contacts);
  const assets = buildAssets(plan, { tables, ref, rules: derived.applied.map((a) => a.rule), words });
  const roles = buildRoles(tables, contacts, words);
  const insurance = buildInsurance(plan, tables, ref, opts.audience, roles, words);
  const msp = buildMsp(plan, ref);
  const ctx = { plan, tables, contacts, insurance, msp, words };
  const severities = buildSeverities(ctx);
  const incidents = buildIncidents(ctx, severities);
  const checklists = buildChecklists(assets, tables);
  const regulations = buildRegulations({
    tables,
    assets,
    derived,
    authorities: index,
    words,
  });
  const scope = listScopes(assets, tables);
  return {
    slug: opts.slug,
    draft: opts.draft,
    audience: opts.audience,
    buildDate: opts.buildDate,
    buildDateText: formatDate(opts.buildDate, locale),
    client: buildClient(plan, locale),
    plan: buildPlanView(plan, ref, words, planPaper(plan, tables.jurisdictions)),
    msp,
    contacts,
    roles,
    who: mapWho(roles),
    person: mapPersons(roles, words),
    scope,
    has: mapHas(scope),
    exposed: mapExposed(assets, tables),
    vendors: buildVendors(assets, tables),
    requester: pickRequester(roles, ref(plan.plan.owner)),
    groups: buildGroups(tables, contacts),
    severities,
    incidents,
    callTree: severities[0]?.callList ?? [],
    firstCalls: listFirstCalls(ctx),
    assets,
    restoreOrder: orderRestore(assets, plan),
    criticalAssets: assets.filter((a) => a.criticality === 'critical'),
    dataFlows: buildDataFlows(plan, tables),
    insurance,
    continuity: buildContinuity(plan, ref),
    regulations,
    ransomDuties: regulations.filter((r) => r.trigger === 'ransom-payment'),
    authorityGroups: groupAuthorities(tables, authorities),
    excludedRegulations: buildExcluded(derived.excluded),
    authorities,
    exercises: buildExercises(plan, allTables, ref, locale),
    checklists,
    forensics: checklists.filter((c) => c.kind === 'forensic'),
    sheets: mapSheets(checklists),
    byIncident: Object.fromEntries(incidents.map((i) => [toCamel(i.id), i])),
    dataLabels: mapDataLabels(tables),
    playbooks: tables.incidents.map((i) => ({ id: i.id, label: i.label })),
    floorTables: floorTables(
      assets,
      tables.incidents.map((i) => ({ id: i.id, label: i.label })),
    ),
    tlpRule: tables.tlp.find((t) => t.id === plan.plan.classification)?.rule ?? '',
    findings: (opts.findings ?? []).map(({ code, subject, message }) => ({ code, subject, message })),
    stepKinds: buildStepKinds(plan, tables),
    consentActions: tables.consent.map(({ id, label }) => ({ id, label })),
    glossary: buildGlossary(tables),
    governance: buildGovernance({ plan, tables, roles, assets, locale }),
    detection: buildDetection(plan, assets, ref, tables.products),
    preparation: buildPreparation({ plan, tables, ref, roles, assets }),
    recovery: buildRecovery(assets, tables),
    sharing: buildSharing(plan, tables),
    letters: buildLetters(roles, regulations),
    attack: tables.attack,
  };
}
