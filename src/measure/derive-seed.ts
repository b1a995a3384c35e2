/**
 * Derives an independent 32-bit seed for one named computation (e.g. one report row) from the run seed,
 * so that each row's random stream depends only on the run seed and the row's own labels: adding a
 * dimension or a domain never changes the intervals of the other rows.
 *
 * FNV-1a (32-bit) over the seed's decimal text and the labels, separated by U+0000, followed by a
 * final avalanche (the murmur3 finalizer) so that similar labels give unrelated seeds.
 */
export function deriveSeed(seed: number, ...labels: string[]): number {
  const text = [String(seed), ...labels].join('\u0000');
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
