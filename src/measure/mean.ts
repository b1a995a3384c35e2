/** Arithmetic mean; null for an empty sample. */
export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (let index = 0; index < values.length; index += 1) total += values[index] as number;
  return total / values.length;
}
