/**
 * Feature hashing for the trained turn classifiers: a feature is a string (a namespace, then its text),
 * hashed with FNV-1a 32-bit and a murmur3 finaliser into one of 2^bits buckets. Colliding features add
 * up. Training and inference share these functions, so changing one of them changes every model: bump
 * TURN_FEATURES_VERSION in turn-features.ts and retrain.
 */
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text`, continuing from `seed`. */
export function hashText(seed: number, text: string): number {
  let hash = seed;
  for (let position = 0; position < text.length; position += 1) hash = Math.imul(hash ^ text.charCodeAt(position), FNV_PRIME);
  return hash;
}

/** The murmur3 32-bit finaliser: spreads FNV's low-entropy bits before masking. */
export function mixHash(hash: number): number {
  let mixed = hash >>> 0;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/** The hash seed of a namespace ("h" for head words, "a" for the chatbot turn, ...). */
export function namespaceSeed(namespace: string): number {
  return hashText(FNV_OFFSET_BASIS, `${namespace}\u0001`);
}

/** A sparse vector: strictly increasing bucket indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/**
 * Collects weighted features group by group. Each group's features are L2-normalised to the group's
 * weight before they are added, so a long pasted text and a one-word turn weigh alike, and a group of
 * flags does not drown in hundreds of n-grams.
 */
export class HashedFeatureBuilder {
  private readonly mask: number;
  private readonly totals = new Map<number, number>();
  private group = new Map<number, number>();

  constructor(bits: number) {
    this.mask = (1 << bits) - 1;
  }

  /** Adds one occurrence of a feature to the current group (a repeated feature counts once). */
  add(seed: number, text: string): void {
    this.group.set(mixHash(hashText(seed, text)) & this.mask, 1);
  }

  /** Adds a feature already hashed with hashText (for n-grams built incrementally). */
  addHash(hash: number): void {
    this.group.set(mixHash(hash) & this.mask, 1);
  }

  /** Ends the current group: its features are scaled to L2 norm `weight` and added to the vector. */
  endGroup(weight: number): void {
    if (this.group.size > 0) this.flush(weight / Math.sqrt(this.group.size));
  }

  /** Ends the current group giving each of its features the value `value` (for flags: no normalising). */
  endFlagGroup(value: number): void {
    if (this.group.size > 0) this.flush(value);
  }

  private flush(value: number): void {
    for (const bucket of this.group.keys()) this.totals.set(bucket, (this.totals.get(bucket) ?? 0) + value);
    this.group = new Map();
  }

  /** The vector of every ended group (features added after the last endGroup are dropped). */
  build(): SparseVector {
    const indices = Int32Array.from(this.totals.keys()).sort();
    const values = new Float32Array(indices.length);
    indices.forEach((bucket, position) => {
      values[position] = this.totals.get(bucket) ?? 0;
    });
    return { indices, values };
  }
}
