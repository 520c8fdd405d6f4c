import { join } from 'node:path';
import { loadTables } from '../model/index.ts';
import type { PeopleRule, Tables } from '../model/index.ts';
import { TOOL_ROOT, UserError } from '../shared/index.ts';

// The checks read irplan's own tables: `irplan validate` and `irplan check` run on plans alone,
// without a build's templates folder.

let tables: Tables | undefined;

/** irplan's own domain tables, read on first use (never at import). */
export function toolTables(): Tables {
  tables ??= loadTables(join(TOOL_ROOT, 'templates'));
  return tables;
}

/** The fields each rule's check reads besides `roles`: without them it would have nothing to compare. */
const NEEDS: Record<string, (keyof PeopleRule)[]> = {
  IRP_NO_DEPUTY: ['stand_in'],
  IRP_ROLES_OVERLOADED: ['with', 'stand_in'],
  IRP_COUNSEL_NO_OOH: ['max_hours'],
};

/** The people rule of a warning code; none when the table leaves it out (the warning is off). */
export function peopleRule(rules: PeopleRule[], code: string): PeopleRule | undefined {
  const rule = rules.find((r) => r.code === code);
  const missing = (NEEDS[code] ?? []).filter((field) => rule && rule[field] === undefined);
  if (rule && missing.length > 0)
    throw new UserError('IRP_TABLE', `people-rules.yaml: the ${code} rule needs ${missing.join(' and ')}`, {
      position: { file: join(TOOL_ROOT, 'templates', 'data', 'people-rules.yaml'), line: 1, col: 1 },
      hint: 'the comment at the top of people-rules.yaml says what each field means; or leave the rule out to turn its warning off',
    });
  return rule;
}
