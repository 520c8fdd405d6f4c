import { join } from 'node:path';
import type { Messages } from '../shared/index.ts';
import { loadMessages, TOOL_ROOT } from '../shared/index.ts';

// The words the model writes itself (why someone is called, "Confirm with legal counsel", "48 hours") come
// from the client's message catalogue (templates/messages/), so a translation needs no code change.

/** A message of the client's catalogue with its placeholders filled in (Messages.text). */
export type Say = Messages['text'];

/** The client's locale and catalogue: what every builder that writes words or numbers receives. */
export interface Words {
  locale: string;
  text: Say;
}

/** The client's words: the catalogue the build loaded, else irplan's own for the locale (tests, tools). */
export function clientWords(locale: string, messages: Messages | undefined): Words {
  const m = messages ?? loadMessages(join(TOOL_ROOT, 'templates'), locale);
  return { locale, text: m.text };
}
