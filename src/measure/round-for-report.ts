/**
 * Rounds a number that goes into report.json to a fixed number of decimals (default 4), so the file is
 * byte-stable across platforms and summation orders (last-bit floating-point noise disappears).
 * Number.prototype.toFixed is exactly specified by ECMAScript, so the result is platform-independent.
 * Non-finite values and null become null; −0 becomes 0.
 */
export function roundForReport(value: number | null | undefined, decimals = 4): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}
