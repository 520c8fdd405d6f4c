// Every environment variable irplan acts on is read here, once, by the CLI's entry, and passed
// down as typed options: no stage reads process.env on its own. The hand-over from the build to
// its Astro process (IRPLAN_CONTENT and the ASTRO_* paths) is the one exception, as that process
// has no other way in. NO_COLOR and CI only shape the terminal output and are read by src/cli.

/** What the environment asks of irplan. */
export interface Environment {
  /** SOURCE_DATE_EPOCH: the date every output carries, instead of its newest commit's. */
  sourceDateEpoch: number | null;
  /** IRPLAN_DEBUG=1: print the cause of an error (Astro's, the browser's) in full. */
  debug: boolean;
  /** IRPLAN_KEEP_STAGING=1: keep the staging folders (rendered Markdown, print pages) to debug templates. */
  keepStaging: boolean;
  /** IRPLAN_SITE_BATCH: how many clients one Astro run builds (default 12). */
  siteBatch: number;
  /** IRPLAN_PRINT_TIMEOUT_MS: how long one document may take to print before the browser is deemed hung. */
  printTimeoutMs: number;
}

/** The defaults a variable that is unset (or not a number) falls back to. */
export const DEFAULT_ENVIRONMENT: Environment = {
  sourceDateEpoch: null,
  debug: false,
  keepStaging: false,
  siteBatch: 12,
  printTimeoutMs: 60_000,
};

/** Reads the environment once; unset or malformed values take their defaults. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  return {
    sourceDateEpoch:
      env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH) ? Number(env.SOURCE_DATE_EPOCH) : null,
    debug: isOn(env.IRPLAN_DEBUG),
    keepStaging: isOn(env.IRPLAN_KEEP_STAGING),
    siteBatch: positive(env.IRPLAN_SITE_BATCH) ?? DEFAULT_ENVIRONMENT.siteBatch,
    printTimeoutMs: positive(env.IRPLAN_PRINT_TIMEOUT_MS) ?? DEFAULT_ENVIRONMENT.printTimeoutMs,
  };
}

function isOn(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0';
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}
