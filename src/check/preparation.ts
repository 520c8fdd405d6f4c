import { logSourceOf, unwatchedAssets } from '../model/index.ts';
import type { Plan } from '../plan/index.ts';
import { toolTables } from './tables.ts';

// Govern, Detect and preparation findings (issue 22): what an incident needs ready and the plan does
// not record. Nothing is filled in for the client: the binder prints "not recorded", and these say
// what to find out and where it goes in the plan.

/** A preparation finding, before it is tagged with its client. */
interface PreparationFinding {
  code: string;
  subject: string;
  date: null;
  message: string;
  path: string;
}

/** The hints, by code: check.ts adds them to every finding's hint table. */
export const PREPARATION_HINTS: Record<string, string> = {
  IRP_NO_MONITORING:
    'ask who watches alerts for the client (EDR console, SIEM, backup reports) and record each under monitoring: with source, owner, hours and watches',
  IRP_UNWATCHED:
    'bring the assets under a monitoring source and add their ids to its watches:, or record why nobody watches them',
  IRP_NO_SPENDING_AUTHORITY:
    'agree with the client who may approve spending during an incident, and up to what, then record it under governance: spending_authority: (role, up_to, currency)',
  IRP_NO_BREAK_GLASS:
    'set up an emergency administrator account for each identity system and record under preparation: break_glass: what it is, where it is kept and who may open it',
  IRP_LOG_RETENTION_UNSET:
    'check how long each system keeps its logs (the preparation checklist says how) and record it as log_retention: on the asset',
  IRP_BACKUP_IMMUTABILITY_UNSET:
    'ask whether the backups can be changed or deleted before they expire, and set immutable: true or false on the backup system',
};

/** What an incident needs ready that the plan does not record: monitoring, spending limits, break-glass accounts, log retention, immutable backups. */
export function checkPreparation(plan: Plan): PreparationFinding[] {
  return [...checkMonitoring(plan), ...checkGovernance(plan), ...checkLogs(plan), ...checkBackups(plan)];
}

function finding(code: string, subject: string, message: string, path: string): PreparationFinding {
  return { code, subject, date: null, message, path };
}

function checkMonitoring(plan: Plan): PreparationFinding[] {
  if ((plan.monitoring ?? []).length === 0)
    return [
      finding(
        'IRP_NO_MONITORING',
        'monitoring',
        'no monitoring is recorded: nobody is named to watch for alerts, so an incident is found only when someone notices its effects',
        'monitoring',
      ),
    ];
  const names = new Map((plan.assets ?? []).map((a) => [a.id, a.name]));
  const unwatched = unwatchedAssets(plan).map((id) => names.get(id) ?? id);
  if (unwatched.length === 0) return [];
  return [
    finding(
      'IRP_UNWATCHED',
      'monitoring',
      `no monitoring source watches ${unwatched.join(', ')} (critical or high)`,
      'monitoring',
    ),
  ];
}

function checkGovernance(plan: Plan): PreparationFinding[] {
  const out: PreparationFinding[] = [];
  if ((plan.governance?.spending_authority ?? []).length === 0)
    out.push(
      finding(
        'IRP_NO_SPENDING_AUTHORITY',
        'spending authority',
        'no spending limits are recorded for an incident: the executive sponsor has to approve every cost',
        'governance',
      ),
    );
  if ((plan.assets ?? []).length > 0 && (plan.preparation?.break_glass ?? []).length === 0)
    out.push(
      finding(
        'IRP_NO_BREAK_GLASS',
        'break-glass accounts',
        'no break-glass administrator account is recorded: if the attacker locks the administrators out, nobody may be able to take the systems back',
        'preparation',
      ),
    );
  return out;
}

function checkLogs(plan: Plan): PreparationFinding[] {
  const tables = toolTables();
  const missing = (plan.assets ?? []).filter((a) => a.log_retention === undefined && logSourceOf(a, tables) !== null);
  if (missing.length === 0) return [];
  return [
    finding(
      'IRP_LOG_RETENTION_UNSET',
      'log retention',
      `no log retention is recorded for ${missing.map((a) => a.name).join(', ')}: an investigation may find the logs already overwritten`,
      'assets',
    ),
  ];
}

function checkBackups(plan: Plan): PreparationFinding[] {
  return (plan.assets ?? []).flatMap((a, i) =>
    (a.services ?? []).includes('backup') && a.immutable === undefined
      ? [
          finding(
            'IRP_BACKUP_IMMUTABILITY_UNSET',
            a.name,
            `${a.name}: the plan does not say whether its backups are immutable (safe from deletion by an attacker with administrator rights)`,
            `assets/${i}`,
          ),
        ]
      : [],
  );
}
