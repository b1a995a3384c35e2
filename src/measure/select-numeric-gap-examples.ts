import type { Dialogue, DialogueSet } from '../core/dialogue.js';
import type { DistanceRow } from '../core/report-rows.js';
import { compareText } from './compare-text.js';
import type { MeasuredSet } from './measured-set.js';

/** One dialogue shown behind a numeric gap: its value of the measure and its longest user turn. */
export interface NumericGapExampleDialogue {
  set: string;
  dialogueId: string;
  domain: string;
  /** The dialogue's value of the measure, in the row's unit. */
  value: number;
  /** 1-based number of the longest user turn among the dialogue's user turns (0 when it has none). */
  userTurn: number;
  /** That turn's text, cut to NUMERIC_EXAMPLE_CHARACTERS characters. */
  text: string;
  truncated: boolean;
  characters: number;
}

/**
 * A numeric distance with verdict "gap" (schema ≥ 1.3): the simulated dialogue furthest in the gap's direction
 * (highest value when the simulator's mean is higher, else lowest) beside the real dialogue at the real median.
 */
export interface NumericGapExampleRow {
  real: string;
  simulated: string;
  domain: string;
  dimension: string;
  measure: string;
  unit: string;
  /** The distance (Wasserstein-1, in the measure's unit). */
  value: number;
  meanReal: number | null;
  meanSimulated: number | null;
  direction: 'higher' | 'lower';
  simulatedExtreme: NumericGapExampleDialogue;
  realMedian: NumericGapExampleDialogue;
}

export const NUMERIC_EXAMPLE_CHARACTERS = 400;
/** Numeric gaps with examples per comparison over all domains; per single domain, the largest one. */
export const NUMERIC_GAPS_OVER_ALL_DOMAINS = 3;

export const NUMERIC_EXAMPLE_RULE =
  `Numeric examples: for the ${NUMERIC_GAPS_OVER_ALL_DOMAINS} numeric distances with verdict "gap" over all domains, and the largest one in each domain, furthest in noise floors first: ` +
  'the simulated dialogue with the most extreme value in the direction of the gap (ties by id) beside the real dialogue at the lower median of the real values; each shown by its longest user turn (cut to 400 characters). No random choice.';

function longestUserTurn(dialogue: Dialogue): { userTurn: number; text: string } {
  let best = { userTurn: 0, text: '' };
  let number = 0;
  for (const turn of dialogue.turns) {
    if (turn.role !== 'user') continue;
    number += 1;
    if (best.userTurn === 0 || [...turn.text].length > [...best.text].length) best = { userTurn: number, text: turn.text };
  }
  return best;
}

function exampleOf(set: string, dialogue: Dialogue, value: number): NumericGapExampleDialogue {
  const turn = longestUserTurn(dialogue);
  const characters = [...turn.text];
  const truncated = characters.length > NUMERIC_EXAMPLE_CHARACTERS;
  return {
    set,
    dialogueId: dialogue.id,
    domain: dialogue.domain,
    value,
    userTurn: turn.userTurn,
    text: truncated ? `${characters.slice(0, NUMERIC_EXAMPLE_CHARACTERS).join('')}…` : turn.text,
    truncated,
    characters: characters.length,
  };
}

const sizeOf = (row: DistanceRow): number => (row.noiseFloor !== null && row.noiseFloor > 0 ? (row.corrected ?? row.value ?? 0) / row.noiseFloor : Number.NEGATIVE_INFINITY);

/** The rows that get examples: per comparison, the top rows over all domains and the top row of each domain. */
export function numericGapRowsWithExamples(distances: readonly DistanceRow[]): DistanceRow[] {
  const gaps = distances
    .filter((row) => row.metric === 'wasserstein1' && row.verdict === 'gap' && row.value !== null && row.meanReal !== null && row.meanSimulated !== null)
    .sort((a, b) => sizeOf(b) - sizeOf(a) || compareText(a.dimension, b.dimension) || compareText(a.measure, b.measure));
  const chosen: DistanceRow[] = [];
  const countOf = new Map<string, number>();
  for (const row of gaps) {
    const key = `${row.real}\u0000${row.simulated}\u0000${row.domain}`;
    const count = countOf.get(key) ?? 0;
    if (count >= (row.domain === 'all' ? NUMERIC_GAPS_OVER_ALL_DOMAINS : 1)) continue;
    countOf.set(key, count + 1);
    chosen.push(row);
  }
  return chosen;
}

/** Examples behind numeric gaps (NUMERIC_EXAMPLE_RULE), ordered by comparison, then "all" first, then domain, then size. */
export function selectNumericGapExamples(input: {
  comparisons: ReadonlyArray<{ real: string; simulated: string }>;
  distances: readonly DistanceRow[];
  sets: readonly DialogueSet[];
  measuredSets: readonly MeasuredSet[];
}): NumericGapExampleRow[] {
  const setByName = new Map(input.sets.map((set) => [set.name, set]));
  const measuredByName = new Map(input.measuredSets.map((set) => [set.name, set]));
  const rows = numericGapRowsWithExamples(input.distances);
  return input.comparisons.flatMap((comparison) => {
    const ofComparison = rows
      .filter((row) => row.real === comparison.real && row.simulated === comparison.simulated)
      .sort((a, b) => (a.domain === 'all' ? 0 : 1) - (b.domain === 'all' ? 0 : 1) || compareText(a.domain, b.domain) || sizeOf(b) - sizeOf(a));
    return ofComparison.flatMap((row): NumericGapExampleRow[] => {
      const valuesOf = (name: string): Array<{ dialogue: Dialogue; value: number }> => {
        const dialogues = new Map((setByName.get(name)?.dialogues ?? []).map((dialogue) => [dialogue.id, dialogue]));
        return (measuredByName.get(name)?.dialogues ?? []).flatMap((measured) => {
          const value = measured.annotations[row.dimension]?.numeric[row.measure];
          const dialogue = dialogues.get(measured.id);
          if (value === null || value === undefined || !Number.isFinite(value) || dialogue === undefined) return [];
          if (row.domain !== 'all' && measured.domain !== row.domain) return [];
          return [{ dialogue, value }];
        });
      };
      const real = valuesOf(row.real).sort((a, b) => a.value - b.value || compareText(a.dialogue.id, b.dialogue.id));
      const simulated = valuesOf(row.simulated);
      if (real.length === 0 || simulated.length === 0) return [];
      const direction = (row.meanSimulated as number) >= (row.meanReal as number) ? 'higher' : 'lower';
      const extreme = simulated.sort((a, b) => (direction === 'higher' ? b.value - a.value : a.value - b.value) || compareText(a.dialogue.id, b.dialogue.id))[0] as { dialogue: Dialogue; value: number };
      const median = real[Math.floor((real.length - 1) / 2)] as { dialogue: Dialogue; value: number };
      return [
        {
          real: row.real,
          simulated: row.simulated,
          domain: row.domain,
          dimension: row.dimension,
          measure: row.measure,
          unit: row.unit,
          value: row.value as number,
          meanReal: row.meanReal,
          meanSimulated: row.meanSimulated,
          direction,
          simulatedExtreme: exampleOf(row.simulated, extreme.dialogue, extreme.value),
          realMedian: exampleOf(row.real, median.dialogue, median.value),
        },
      ];
    });
  });
}
