import { closest, escapeText, trusted } from '../shared/index.ts';
import { argsOf, check, HelperError, is } from './args.ts';

// {{attack "T1486"}} prints a MITRE ATT&CK technique with its id and name, read from
// templates/data/attack.yaml: names checked once against MITRE's pages, in one place, so that a
// playbook cannot cite a misspelled id or an outdated name.

/** Names of the helper this file registers, for Handlebars' knownHelpersOnly compile option. */
export const ATTACK_HELPER_NAMES = ['attack'];

/** The {{attack}} helper for the techniques of the model (`model.attack`). */
export function attackHelpers(techniques: readonly { id: string; name: string }[]) {
  return {
    attack: (...args: unknown[]) => {
      const given = argsOf(args);
      if (given.length !== 1) throw new HelperError(`{{attack}} takes 1 argument, but was given ${given.length}`);
      const id = check('attack', given[0], 'argument', 'a technique id in quotes', is.text);
      const found = techniques.find((t) => t.id === id);
      if (!found) {
        const guess = closest(
          id,
          techniques.map((t) => t.id),
        );
        throw new HelperError(
          `{{attack "${id}"}} names no technique of templates/data/attack.yaml${guess ? `: did you mean "${guess}"?` : ''}`,
        );
      }
      return trusted(escapeText(`ATT&CK ${found.id} ${found.name}`));
    },
  } satisfies Record<string, (...args: never[]) => unknown>;
}
