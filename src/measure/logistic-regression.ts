import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

export interface LogisticRegressionModel {
  intercept: number;
  /** One weight per feature column. */
  weights: Float64Array;
  /** Newton iterations run. */
  iterations: number;
}

export interface FitLogisticRegressionOptions {
  /** L2 penalty ½·λ·‖w‖² on the weights (not the intercept); default 1. Keeps separable data finite. */
  ridge?: number;
  /** Most Newton steps; default 50. */
  maxIterations?: number;
  /** Stop when the penalized log-likelihood improves by less than this (relative); default 1e−10. */
  tolerance?: number;
}

/**
 * L2-regularized logistic regression P(y = 1 | x) = σ(b + w·x), fitted by Newton's method (iteratively
 * reweighted least squares): each step solves (XᵀSX + λI′)·Δ = Xᵀ(y − p) − λw′ by Cholesky, where S =
 * diag(p(1 − p)) and the primes mark that the intercept is not penalized. The objective is strictly
 * concave for λ > 0, so the fit is unique and deterministic. Features should be standardized.
 */
export function fitLogisticRegression(
  rows: readonly Float64Array[],
  labels: ArrayLike<number>,
  options: FitLogisticRegressionOptions = {},
): LogisticRegressionModel {
  const ridge = options.ridge ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(ridge > 0)) {
    throw new RealsimError('USAGE', `fitLogisticRegression: expected ridge > 0, found ${quoteForMessage(String(ridge))}`);
  }
  if (rows.length !== labels.length) {
    throw new RealsimError('INTERNAL', `fitLogisticRegression: expected one label per row, found ${labels.length} labels for ${rows.length} rows`);
  }
  const featureCount = rows[0]?.length ?? 0;
  const size = featureCount + 1; // parameter 0 is the intercept
  const parameters = new Float64Array(size);
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  const step = new Float64Array(size);
  // Each row with a leading 1 (the intercept's column), in one array: the inner loops need no branch.
  const augmented = new Float64Array(rows.length * size);
  rows.forEach((row, rowIndex) => {
    augmented[rowIndex * size] = 1;
    augmented.set(row.subarray(0, featureCount), rowIndex * size + 1);
  });
  // Each row's σ(b + w·x) at the current parameters: the objective is taken first, so the step that only
  // confirms convergence skips the gradient and Hessian pass (the same sums, in the same order, as one pass).
  const probabilities = new Float64Array(rows.length);
  let previousObjective = Number.NEGATIVE_INFINITY;
  let iterations = 0;
  for (; iterations < maxIterations; iterations += 1) {
    let objective = 0;
    for (let rowIndex = 0; rowIndex < rows.length; rowIndex += 1) {
      const start = rowIndex * size;
      let linear = parameters[0] as number;
      for (let feature = 1; feature < size; feature += 1) linear += (parameters[feature] as number) * (augmented[start + feature] as number);
      probabilities[rowIndex] = 1 / (1 + Math.exp(-linear));
      const label = labels[rowIndex] as number;
      // log-likelihood, computed stably: y·z − log(1 + e^z)
      objective += label * linear - (linear > 0 ? linear + Math.log1p(Math.exp(-linear)) : Math.log1p(Math.exp(linear)));
    }
    for (let a = 1; a < size; a += 1) objective -= 0.5 * ridge * (parameters[a] as number) ** 2;
    if (Math.abs(objective - previousObjective) <= tolerance * Math.max(1, Math.abs(objective))) break;
    previousObjective = objective;
    gradient.fill(0);
    hessian.fill(0);
    for (let rowIndex = 0; rowIndex < rows.length; rowIndex += 1) {
      const start = rowIndex * size;
      const probability = probabilities[rowIndex] as number;
      const residual = (labels[rowIndex] as number) - probability;
      const curvature = Math.max(probability * (1 - probability), 1e-12);
      for (let a = 0; a < size; a += 1) {
        const valueA = augmented[start + a] as number;
        gradient[a] = (gradient[a] as number) + residual * valueA;
        const scaled = curvature * valueA;
        const hessianRow = a * size;
        for (let b = 0; b <= a; b += 1) {
          hessian[hessianRow + b] = (hessian[hessianRow + b] as number) + scaled * (augmented[start + b] as number);
        }
      }
    }
    for (let a = 1; a < size; a += 1) {
      gradient[a] = (gradient[a] as number) - ridge * (parameters[a] as number);
      hessian[a * size + a] = (hessian[a * size + a] as number) + ridge;
    }
    // a tiny jitter on the intercept keeps the system positive definite when every row has one label
    hessian[0] = (hessian[0] as number) + 1e-9;
    solveSymmetricPositiveDefinite(hessian, gradient, step, size);
    for (let a = 0; a < size; a += 1) parameters[a] = (parameters[a] as number) + (step[a] as number);
  }
  return { intercept: parameters[0] as number, weights: parameters.slice(1), iterations };
}

/** σ(b + w·x) for one row. */
export function predictProbability(model: LogisticRegressionModel, row: Float64Array): number {
  let linear = model.intercept;
  for (let feature = 0; feature < model.weights.length; feature += 1) linear += (model.weights[feature] as number) * (row[feature] as number);
  return 1 / (1 + Math.exp(-linear));
}

/** Solves M·x = v by Cholesky, M given by its lower triangle (row-major, size × size); writes x. */
function solveSymmetricPositiveDefinite(matrix: Float64Array, vector: Float64Array, into: Float64Array, size: number): void {
  const lower = new Float64Array(size * size);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column <= row; column += 1) {
      let sum = matrix[row * size + column] as number;
      for (let k = 0; k < column; k += 1) sum -= (lower[row * size + k] as number) * (lower[column * size + k] as number);
      if (row === column) {
        lower[row * size + row] = Math.sqrt(Math.max(sum, 1e-12));
      } else {
        lower[row * size + column] = sum / (lower[column * size + column] as number);
      }
    }
  }
  for (let row = 0; row < size; row += 1) {
    let sum = vector[row] as number;
    for (let k = 0; k < row; k += 1) sum -= (lower[row * size + k] as number) * (into[k] as number);
    into[row] = sum / (lower[row * size + row] as number);
  }
  for (let row = size - 1; row >= 0; row -= 1) {
    let sum = into[row] as number;
    for (let k = row + 1; k < size; k += 1) sum -= (lower[k * size + row] as number) * (into[k] as number);
    into[row] = sum / (lower[row * size + row] as number);
  }
}
