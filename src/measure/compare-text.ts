/**
 * Orders strings by UTF-16 code units. Used instead of localeCompare, whose order depends on the ICU
 * data of the platform, so that report rows sort identically everywhere.
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Domain order of report rows: "all" first, then domains by code units. */
export function compareDomains(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'all') return -1;
  if (b === 'all') return 1;
  return compareText(a, b);
}
