import type { Model } from '../model/index.ts';

/**
 * What the Word binder reads from the model beyond the binder page: the cover's and running
 * heads' facts. Plain data, so it crosses to the thread that writes Word binders (thread.ts).
 */
export type DocxFacts = Pick<Model, 'client' | 'msp' | 'plan' | 'draft' | 'tlpRule'>;

/** The facts of `model`, and nothing else of it. */
export function docxFacts(model: Model): DocxFacts {
  return { client: model.client, msp: model.msp, plan: model.plan, draft: model.draft, tlpRule: model.tlpRule };
}
