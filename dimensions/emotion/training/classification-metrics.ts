export interface ClassificationMetrics {
  /** Rows scored. */
  rows: number;
  /** Share of rows whose prediction equals the gold label (0–1). */
  accuracy: number;
  /** Unweighted mean over classes of per-class F1 (0–1); a class never predicted nor present scores 0. */
  macroF1: number;
  perClassF1: Record<string, number>;
}

/** Accuracy and macro-F1 of predicted vs gold class indices over `labels`. */
export function classificationMetrics(gold: number[], predicted: number[], labels: readonly string[]): ClassificationMetrics {
  const truePositives = new Array<number>(labels.length).fill(0);
  const predictedCounts = new Array<number>(labels.length).fill(0);
  const goldCounts = new Array<number>(labels.length).fill(0);
  let correct = 0;
  gold.forEach((goldClass, row) => {
    const predictedClass = predicted[row] as number;
    goldCounts[goldClass] = (goldCounts[goldClass] as number) + 1;
    predictedCounts[predictedClass] = (predictedCounts[predictedClass] as number) + 1;
    if (goldClass === predictedClass) {
      correct += 1;
      truePositives[goldClass] = (truePositives[goldClass] as number) + 1;
    }
  });
  const perClassF1: Record<string, number> = {};
  let f1Total = 0;
  labels.forEach((label, classIndex) => {
    const denominator = (predictedCounts[classIndex] as number) + (goldCounts[classIndex] as number);
    const f1 = denominator === 0 ? 0 : (2 * (truePositives[classIndex] as number)) / denominator;
    perClassF1[label] = f1;
    f1Total += f1;
  });
  return {
    rows: gold.length,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroF1: labels.length === 0 ? 0 : f1Total / labels.length,
    perClassF1,
  };
}
