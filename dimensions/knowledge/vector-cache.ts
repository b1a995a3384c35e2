import { contentKey, type AnnotationCache } from '../../src/annotate/annotation-cache.js';
import type { ProgressReporter } from '../../src/cli/progress-reporter.js';
import type { SentenceEncoder } from './sentence-encoder.js';

/** Float32 little-endian bytes in base64: exact, and 2,732 characters for a 512-dim vector. */
export function encodeVector(vector: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  for (let index = 0; index < vector.length; index += 1) view.setFloat32(index * 4, vector[index] ?? 0, true);
  return Buffer.from(view.buffer).toString('base64');
}

export function decodeVector(encoded: string): number[] {
  const bytes = Buffer.from(encoded, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Array<number>(Math.floor(bytes.byteLength / 4));
  for (let index = 0; index < vector.length; index += 1) vector[index] = view.getFloat32(index * 4, true);
  return vector;
}

/** Texts handed to the encoder between two cache writes, so an interrupted run keeps its work. */
const TEXTS_PER_CACHE_WRITE = 512;

/**
 * Vectors for unique texts: from the cache where present (key = contentKey(text)), the rest from the
 * encoder, written back to the cache. The encoder is not called at all when every text is cached.
 */
export async function embedWithCache(
  texts: string[],
  encoder: SentenceEncoder,
  cache: AnnotationCache,
  namespace: string,
  progress: ProgressReporter,
): Promise<Map<string, number[]>> {
  const vectors = new Map<string, number[]>();
  const missing: string[] = [];
  for (const text of new Set(texts)) {
    const cached = cache.get(namespace, contentKey(text));
    if (typeof cached === 'string') vectors.set(text, decodeVector(cached));
    else missing.push(text);
  }
  if (missing.length === 0) return vectors;
  const task = progress.start(`knowledge: embedding ${missing.length} new topic phrases`, missing.length);
  for (let start = 0; start < missing.length; start += TEXTS_PER_CACHE_WRITE) {
    const part = missing.slice(start, start + TEXTS_PER_CACHE_WRITE);
    const embedded = await encoder.embed(part, (count) => task.tick(count));
    const entries: Array<[string, unknown]> = [];
    part.forEach((text, index) => {
      const vector = embedded[index];
      if (!vector) return;
      const encoded = encodeVector(vector);
      entries.push([contentKey(text), encoded]);
      vectors.set(text, decodeVector(encoded));
    });
    cache.setMany(namespace, entries);
  }
  task.done(`${vectors.size - missing.length} from cache`);
  return vectors;
}
