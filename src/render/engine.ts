import Handlebars from 'handlebars';
import { escapeText } from '../shared/index.ts';
import { HELPER_NAMES } from './helpers.ts';
import type { TemplateFile } from './template.ts';

/** The part of a compiled template's runtime container that this stage sets. */
interface Container {
  escapeExpression: (value: unknown) => string;
}

/** A compiled template before Handlebars sets it up; `main` renders its top level. */
interface Spec {
  main: (container: Container, ...rest: unknown[]) => string;
}

/** The render stage's own Handlebars instance, made on first use rather than at import. */
let engine: typeof Handlebars | undefined;

/** Compiled templates, cached by file path and content: most clients share most templates. */
const cache = new Map<string, { source: string; fn: Handlebars.TemplateDelegate }>();

/** Compiles a template body (strict, known helpers only) with the render stage's Handlebars, once per content. */
export function compile(t: Pick<TemplateFile, 'file' | 'body'>): Handlebars.TemplateDelegate {
  const hit = cache.get(t.file);
  if (hit && hit.source === t.body) return hit.fn;
  const knownHelpers = Object.fromEntries(HELPER_NAMES.map((n) => [n, true]));
  engine ??= createEngine();
  const fn = engine.compile(t.body, {
    strict: true,
    knownHelpers,
    knownHelpersOnly: true,
    noEscape: false,
    preventIndent: true,
  });
  cache.set(t.file, { source: t.body, fn });
  return fn;
}

// Handlebars escapes for HTML and reads that escape from a module every instance shares. Our output
// is Markdown, so each template this instance sets up (partials included) gets escapeText on its
// own runtime container instead: no other user of Handlebars is affected.
function createEngine(): typeof Handlebars {
  const hb = Handlebars.create();
  const setUp = hb.template;
  hb.template = ((spec: Spec) => setUp({ ...spec, main: escapingForMarkdown(spec.main) })) as typeof hb.template;
  return hb;
}

function escapingForMarkdown(main: Spec['main']): Spec['main'] {
  return (container, ...rest) => {
    container.escapeExpression = escapeText;
    return main(container, ...rest);
  };
}
