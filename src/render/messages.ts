import { join } from 'node:path';
import type { Messages } from '../shared/index.ts';
import { loadMessages, TOOL_ROOT } from '../shared/index.ts';

/** A message of the client's catalogue with its placeholders filled in (Messages.text). */
export type Say = (key: string, vars?: Record<string, string | number>) => string;

let english: Messages | undefined;

/** irplan's own English catalogue, read on first use: for a render given no catalogue (tests, tools). */
export function englishMessages(): Messages {
  english ??= loadMessages(join(TOOL_ROOT, 'templates'), 'en');
  return english;
}
