import type { DimensionDefinition, MeasureDefinition } from '../core/dimension.js';
import type { DistributionRow, SummaryRow } from '../core/report-rows.js';
import { weightedCategoryCounts } from './aggregate-sample.js';
import { compareDomains, compareText } from './compare-text.js';
import { groupByDomain } from './group-by-domain.js';
import { mean } from './mean.js';
import { selectMeasureSample } from './derive-measure-sample.js';
import { buildMeasureSample, categoriesOf, type MeasureSample } from './measure-sample.js';
import type { MeasuredDialogue, MeasuredSet } from './measured-set.js';
import { median } from './median.js';
import { roundForReport } from './round-for-report.js';

export interface SetSummary {
  summary: SummaryRow[];
  distributions: DistributionRow[];
}

/**
 * Descriptive tables of one set, for domain "all" and every domain of the set:
 * - summary: per numeric measure, n (dialogues with a non-null value), mean and median of the
 *   per-dialogue values (null when n = 0);
 * - distributions: per categorical measure × category (definition order, then unexpected categories),
 *   the count of units of mass and its share of the measure's total in percent (0 when the total is 0).
 * Only dimensions with a backend in `set.backends` are summarized; embedding measures have no rows here.
 * Rows are ordered by domain ("all" first), dimension id, measure id, then category order. Numbers are
 * rounded with roundForReport.
 */
export function summarizeSet(set: MeasuredSet, definitions: readonly DimensionDefinition[]): SetSummary {
  const groups: Array<[string, readonly MeasuredDialogue[]]> = [['all', set.dialogues], ...groupByDomain(set.dialogues)];
  groups.sort(([a], [b]) => compareDomains(a, b));
  const dimensions = definitions
    .filter((definition) => set.backends[definition.id] !== undefined)
    .sort((a, b) => compareText(a.id, b.id));

  const summary: SummaryRow[] = [];
  const distributions: DistributionRow[] = [];
  // A categorical measure's categories come from the whole set (so every domain lists the same ones).
  const categoriesByMeasure = new Map<string, string[]>();
  for (const dimension of dimensions) {
    for (const measure of dimension.measures) {
      if (measure.scale === 'categorical') categoriesByMeasure.set(`${dimension.id}.${measure.id}`, categoriesOf(dimension.id, measure, [set.dialogues]));
    }
  }
  // Each measure's annotations are read once; the domain samples are derived from the set's sample.
  const positionOf = new Map(set.dialogues.map((dialogue, position) => [dialogue, position]));
  const setSamples = new Map<string, MeasureSample>();
  const positionsOfList = new Map<readonly MeasuredDialogue[], Uint32Array>();
  const sampleOf = (dialogues: readonly MeasuredDialogue[], dimensionId: string, measure: MeasureDefinition, categories?: readonly string[]): MeasureSample => {
    const key = `${dimensionId}.${measure.id}`;
    let setSample = setSamples.get(key);
    if (setSample === undefined) {
      setSample = buildMeasureSample(set.dialogues, dimensionId, measure, categories);
      setSamples.set(key, setSample);
    }
    if (dialogues === set.dialogues) return setSample;
    let positions = positionsOfList.get(dialogues);
    if (positions === undefined) {
      positions = Uint32Array.from(dialogues, (dialogue) => positionOf.get(dialogue) as number);
      positionsOfList.set(dialogues, positions);
    }
    return selectMeasureSample(setSample, positions);
  };
  for (const [domain, dialogues] of groups) {
    for (const dimension of dimensions) {
      const backend = set.backends[dimension.id] as string;
      const measures = [...dimension.measures].sort((a, b) => compareText(a.id, b.id));
      for (const measure of measures) {
        if (measure.scale === 'numeric') {
          const sample = sampleOf(dialogues, dimension.id, measure);
          if (sample.scale !== 'numeric') continue;
          summary.push({
            set: set.name,
            domain,
            dimension: dimension.id,
            measure: measure.id,
            unit: measure.unit,
            backend,
            n: sample.contributing,
            mean: roundForReport(mean(sample.sortedValues)),
            median: roundForReport(median(sample.sortedValues)),
          });
        } else if (measure.scale === 'categorical') {
          const categories = categoriesByMeasure.get(`${dimension.id}.${measure.id}`) ?? measure.categories;
          const sample = sampleOf(dialogues, dimension.id, measure, categories);
          if (sample.scale !== 'categorical') continue;
          const counts = new Float64Array(categories.length);
          const total = weightedCategoryCounts(sample, null, counts);
          categories.forEach((category, index) => {
            const count = counts[index] as number;
            distributions.push({
              set: set.name,
              domain,
              dimension: dimension.id,
              measure: measure.id,
              category,
              unitOfMass: measure.unitOfMass,
              backend,
              count,
              sharePercent: total === 0 ? 0 : (roundForReport((100 * count) / total) as number),
            });
          });
        }
      }
    }
  }
  return { summary, distributions };
}
