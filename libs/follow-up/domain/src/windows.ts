/**
 * The end of a follow-up window of `hours` from `from` (UTC ISO instants). Calendar time for now:
 * the one place to switch to the tenant's working days once the shared business calendar exists.
 */
export function windowEnd(from: string, hours: number): string {
  return new Date(Date.parse(from) + hours * 3_600_000).toISOString();
}
