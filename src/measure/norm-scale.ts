/**
 * A statistic on the scale where it is a norm of the difference of two distributions: distances (TVD,
 * Wasserstein-1) as they are; a centroid cosine as the chordal distance √(2(1 − cos)) of the unit centroids.
 */
export function toNormScale(value: number, isDistance: boolean): number {
  return isDistance ? value : Math.sqrt(2 * Math.max(0, 1 - value));
}
