import { softmax } from './softmax-regression-trainer.js';

/** Mean negative log-likelihood of gold classes under softmax(scores / temperature). */
export function meanNegativeLogLikelihood(scores: Float64Array[], gold: number[], temperature: number): number {
  let total = 0;
  scores.forEach((rowScores, row) => {
    const probability = softmax(rowScores, temperature)[gold[row] as number] as number;
    total -= Math.log(Math.max(probability, 1e-300));
  });
  return scores.length === 0 ? 0 : total / scores.length;
}

/**
 * Temperature scaling (Guo et al., 2017): the single T > 0 that minimises held-out NLL of
 * softmax(scores / T). Golden-section search over log T in [log 0.05, log 20]; the NLL is convex in 1/T,
 * so the search finds the optimum. Deterministic: fixed bracket and iteration count.
 */
export function fitTemperature(scores: Float64Array[], gold: number[]): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.05);
  let high = Math.log(20);
  let left = high - ratio * (high - low);
  let right = low + ratio * (high - low);
  let leftLoss = meanNegativeLogLikelihood(scores, gold, Math.exp(left));
  let rightLoss = meanNegativeLogLikelihood(scores, gold, Math.exp(right));
  for (let iteration = 0; iteration < 60; iteration += 1) {
    if (leftLoss < rightLoss) {
      high = right;
      right = left;
      rightLoss = leftLoss;
      left = high - ratio * (high - low);
      leftLoss = meanNegativeLogLikelihood(scores, gold, Math.exp(left));
    } else {
      low = left;
      left = right;
      leftLoss = rightLoss;
      right = low + ratio * (high - low);
      rightLoss = meanNegativeLogLikelihood(scores, gold, Math.exp(right));
    }
  }
  return Math.exp((low + high) / 2);
}
