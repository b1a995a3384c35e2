/**
 * Sparse features of one sentence for the linear emotion classifier, by feature hashing:
 * - word unigrams and word bigrams (with sentence-start and sentence-end markers),
 * - character 3-, 4- and 5-grams inside each word padded with "<" and ">" (robust to spelling and
 *   inflection: "angry", "angrier", "angryyy" share most of their n-grams),
 * - "!" and "?" and emoji count as words.
 * Each feature is hashed (FNV-1a 32-bit, then a murmur3 finaliser) into one of `bucketCount` buckets
 * (a power of two); colliding features add up. The vector is L2-normalised so long and short sentences
 * weigh alike. Training and inference share this one function, so changing it requires retraining
 * (bump hashedTextFeaturesVersion).
 */
import { hashText, mixHash } from '../../src/learn/feature-hashing.js';

export const hashedTextFeaturesVersion = 'words1-2+chars3-5/fnv1a-fmix32/l2/v1';

export interface SparseFeatureVector {
  /** Bucket indices, strictly increasing. */
  indices: Int32Array;
  /** Values aligned with indices; the vector has L2 norm 1 (or is empty). */
  values: Float32Array;
}

const fnvOffsetBasis = 0x811c9dc5;
const fnvPrime = 0x01000193;
const wordSeed = hashText(fnvOffsetBasis, 'word\u0001');
const bigramSeed = hashText(fnvOffsetBasis, 'bigram\u0001');
const characterSeed = hashText(fnvOffsetBasis, 'chars\u0001');
const longestCharacterGram = 5;
const shortestCharacterGram = 3;
/** Words longer than this (URLs, code, hashes) contribute their word feature but no character n-grams. */
const longestWordForCharacterGrams = 24;

const placeholderPattern = /\[name\]|\[religion\]|<presidio_anonymized_[a-z_]+>|\{\{[a-z_]+\}\}/g;
const urlPattern = /https?:\/\/\S+|www\.\S+/g;
const tokenPattern = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|[!?]|\p{Extended_Pictographic}/gu;

/** Lower-cased word tokens, as the features see them (placeholders → "xplaceholder", URLs → "xurl"). */
export function featureTokens(text: string): string[] {
  const normalised = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(placeholderPattern, ' xplaceholder ')
    .replace(urlPattern, ' xurl ');
  return normalised.match(tokenPattern) ?? [];
}

export function hashedTextFeatures(text: string, bucketCount: number): SparseFeatureVector {
  const mask = bucketCount - 1;
  const counts = new Map<number, number>();
  const add = (hash: number) => {
    const bucket = mixHash(hash) & mask;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  };
  const tokens = featureTokens(text);
  let previous = '<s>';
  for (const token of tokens) {
    add(hashText(wordSeed, token));
    add(hashText(hashText(bigramSeed, previous), ` ${token}`));
    previous = token;
    if (token.length <= longestWordForCharacterGrams && token.length > 1) {
      const padded = `<${token}>`;
      for (let start = 0; start + shortestCharacterGram <= padded.length; start += 1) {
        let hash = characterSeed;
        const stop = Math.min(padded.length, start + longestCharacterGram);
        for (let end = start; end < stop; end += 1) {
          hash = Math.imul(hash ^ padded.charCodeAt(end), fnvPrime);
          if (end - start + 1 >= shortestCharacterGram) add(hash);
        }
      }
    }
  }
  if (tokens.length > 0) add(hashText(hashText(bigramSeed, previous), ' </s>'));

  const indices = Int32Array.from(counts.keys()).sort();
  const values = new Float32Array(indices.length);
  let squaredNorm = 0;
  for (const count of counts.values()) squaredNorm += count * count;
  const inverseNorm = squaredNorm > 0 ? 1 / Math.sqrt(squaredNorm) : 0;
  indices.forEach((bucket, position) => {
    values[position] = (counts.get(bucket) ?? 0) * inverseNorm;
  });
  return { indices, values };
}
