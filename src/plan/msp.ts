import type { Plan } from './types.ts';

/**
 * The contact id of the MSP hotline this client calls: the one for the client's country when
 * `msp.hotlines` names one, else `msp.hotline`. Without a client.country no country's line is guessed.
 */
export function mspHotline(plan: Plan): string | undefined {
  const country = plan.client.country;
  return (country ? plan.msp?.hotlines?.[country] : undefined) ?? plan.msp?.hotline;
}
