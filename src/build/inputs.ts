import { join, relative } from 'node:path';
import type { ValidClient } from '../plan/index.ts';
import type { SourceStamp } from '../shared/index.ts';
import { clientDirty, clientEpoch, clientStamp } from '../shared/index.ts';
import { isUnreleased } from '../versions/index.ts';
import type { Ctx } from './context.ts';
import { clientKey } from './keys.ts';

/** Everything a client's outputs depend on beyond its plan, and the key that sums it up. */
export interface ClientInputs {
  key: string;
  logo: string | null;
  /** msp.word_template, hashed into the key like the logo. */
  wordTemplate: string | null;
  stamp: SourceStamp;
  epochSeconds: number;
  draft: boolean;
}

/** A client's key, its commit and date, and whether it is a draft. */
export function clientInputs(client: ValidClient, ctx: Ctx): ClientInputs {
  const { project, repo } = ctx;
  const stamp = clientStamp(repo, client.slug, ctx.opts.env.sourceDateEpoch);
  const tags = repo.tags.filter((t) => t.startsWith(`${client.slug}@`));
  // The same inputs as clientDirty's: the client's folder, the MSP defaults and the templates.
  const sources = [
    relative(project.root, client.dir),
    relative(project.root, join(project.plansDir, 'defaults.yaml')),
    relative(project.root, project.templatesDir),
  ];
  // A client with releases is a draft when its inputs changed since the tag of its current version.
  const draft =
    clientDirty(repo, client.slug) ||
    (tags.length > 0 && isUnreleased(project.root, client.slug, client.plan.plan.version, sources));
  const epochSeconds = clientEpoch(stamp, client.plan.plan.effective);
  const logo = client.plan.msp?.logo ?? null;
  const wordTemplate = client.plan.msp?.word_template ?? null;
  const key = clientKey(client.slug, logo, ctx.keys, wordTemplate);
  return { key, logo, wordTemplate, stamp, epochSeconds, draft };
}
