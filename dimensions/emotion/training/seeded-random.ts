/** mulberry32: a small seeded 32-bit generator; same seed → same sequence on every platform. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of 0..length-1 driven by `random`. */
export function shuffledOrder(length: number, random: () => number): Int32Array {
  const order = new Int32Array(length);
  for (let position = 0; position < length; position += 1) order[position] = position;
  for (let position = length - 1; position > 0; position -= 1) {
    const other = Math.floor(random() * (position + 1));
    const held = order[position] as number;
    order[position] = order[other] as number;
    order[other] = held;
  }
  return order;
}
