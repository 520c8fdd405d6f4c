import { describe, expect, test } from 'vitest';
import { DEFAULT_ENVIRONMENT, readEnvironment } from '../../../src/shared/env.ts';

describe('readEnvironment', () => {
  test('an empty environment gives the defaults', () => {
    expect(readEnvironment({})).toEqual(DEFAULT_ENVIRONMENT);
  });

  test('every variable is read into its option', () => {
    expect(
      readEnvironment({
        SOURCE_DATE_EPOCH: '1767225600',
        IRPLAN_DEBUG: '1',
        IRPLAN_KEEP_STAGING: 'yes',
        IRPLAN_SITE_BATCH: '3',
        IRPLAN_PRINT_TIMEOUT_MS: '4000',
      }),
    ).toEqual({
      sourceDateEpoch: 1767225600,
      debug: true,
      keepStaging: true,
      siteBatch: 3,
      printTimeoutMs: 4000,
    });
  });

  test('malformed values fall back to the defaults; 0 and the empty string are off', () => {
    const env = readEnvironment({
      SOURCE_DATE_EPOCH: '17e8',
      IRPLAN_DEBUG: '0',
      IRPLAN_KEEP_STAGING: '',
      IRPLAN_SITE_BATCH: '-2',
      IRPLAN_PRINT_TIMEOUT_MS: 'soon',
    });
    expect(env).toEqual(DEFAULT_ENVIRONMENT);
  });
});
