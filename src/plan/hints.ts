/**
 * A list for a hint, cut after `max` items with how many were left out ("a, b, c … and 12 more"):
 * a list cut silently reads as complete, and the one the user wants may be among the rest.
 */
export function listSome(items: Iterable<string>, max = 8): string {
  const all = [...items];
  if (all.length <= max) return all.join(', ');
  return `${all.slice(0, max).join(', ')} … and ${all.length - max} more`;
}
