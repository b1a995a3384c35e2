import type { LeaderboardRow } from '../core/report-rows.js';
import { sortedQuantile } from '../measure/bootstrap-interval.js';
import { compareText } from '../measure/compare-text.js';
import type { ResampledDistance } from '../measure/resampled-distance.js';
import { roundForReport } from '../measure/round-for-report.js';

/**
 * How sure "A is closer to real than B" must be before the leaderboard orders A before B: 0.975, so two
 * simulators that differ only by noise are ordered (one way or the other) in about 5% of runs.
 */
export const LEADERBOARD_ORDER_PROBABILITY = 0.975;

export const LEADERBOARD_RULE =
  'score = mean over the headline measures (those every simulator of the real set has) of the bias-corrected distance ÷ the real-vs-real noise floor ' +
  '(cosine: both on the chordal scale √(2(1 − cos))); lower = closer to real users. Interval: basic bootstrap, 95%, cut at 0: each resample\'s corrected score c* is reflected ' +
  'about the estimate as ĉ − (c* − r), r the plug-in (the true distance of the bootstrap world), which undoes the resample\'s own bias. On every resample the simulators are ranked by their reflected scores: ' +
  'rank interval = 2.5%–97.5% of those ranks; P(A closer than B) = share of resamples with A\'s reflected score below B\'s. ' +
  `A is ordered before B only when P ≥ ${LEADERBOARD_ORDER_PROBABILITY}; rank = 1 + the simulators ordered before it, so simulators the evidence cannot tell apart share a rank.`;

/** Corrected distance on the norm scale, in noise floors. */
function inFloors(value: number, entry: ResampledDistance): number {
  return Math.sqrt(Math.max(0, value * value - entry.nullMeanSquare)) / (entry.noiseFloor as number);
}

/**
 * The leaderboard of every real set compared with one or more simulators (see LEADERBOARD_RULE). `headlines`
 * are the measures that may enter a score ("dimension.measure"); `resampled` the "all" rows of every
 * comparison with their bootstrap resamples. Deterministic: rows by real set, rank, score, name.
 */
export function buildLeaderboard(resampled: readonly ResampledDistance[], headlines: readonly string[]): LeaderboardRow[] {
  const realSets = [...new Set(resampled.map((entry) => entry.real))].sort(compareText);
  return realSets.flatMap((real) => leaderboardOfRealSet(resampled.filter((entry) => entry.real === real), headlines, real));
}

function leaderboardOfRealSet(entries: readonly ResampledDistance[], headlines: readonly string[], real: string): LeaderboardRow[] {
  const simulators = [...new Set(entries.map((entry) => entry.simulated))].sort(compareText);
  const entryOf = (simulated: string, measure: string): ResampledDistance | undefined =>
    entries.find((entry) => entry.simulated === simulated && `${entry.dimension}.${entry.measure}` === measure);
  const measures = headlines.filter((measure) =>
    simulators.every((simulated) => {
      const entry = entryOf(simulated, measure);
      return entry !== undefined && entry.noiseFloor !== null && entry.noiseFloor > 0;
    }),
  );
  const resamples = Math.min(...entries.map((entry) => entry.resampled.length));
  // Per simulator and measure: the estimate ĉ and each resample reflected about it. In the bootstrap world the
  // true distance is the plug-in r of the two samples, so c* − r stands for ĉ − δ, and the reflected
  // replicate is ĉ − (c* − r) (the basic bootstrap).
  const reflectedOf = (simulated: string, measure: string): { estimate: number; reflected: Float64Array } => {
    const entry = entryOf(simulated, measure) as ResampledDistance;
    const estimate = inFloors(entry.plugIn, entry);
    const bootstrapTruth = entry.plugIn / (entry.noiseFloor as number);
    const reflected = new Float64Array(resamples);
    for (let resample = 0; resample < resamples; resample += 1) {
      const value = entry.resampled[resample] as number;
      reflected[resample] = Number.isNaN(value) ? Number.NaN : estimate + bootstrapTruth - inFloors(value, entry);
    }
    return { estimate, reflected };
  };
  const perMeasure = new Map(simulators.map((simulated) => [simulated, new Map(measures.map((measure) => [measure, reflectedOf(simulated, measure)]))]));
  const scoreOf = (simulated: string): { estimate: number; reflected: Float64Array } => {
    const parts = [...(perMeasure.get(simulated) as Map<string, { estimate: number; reflected: Float64Array }>).values()];
    const reflected = new Float64Array(resamples);
    for (let resample = 0; resample < resamples; resample += 1) {
      reflected[resample] = parts.reduce((total, part) => total + (part.reflected[resample] as number), 0) / parts.length;
    }
    return { estimate: parts.reduce((total, part) => total + part.estimate, 0) / parts.length, reflected };
  };
  if (measures.length === 0 || resamples === 0) {
    return simulators.map((simulated) => ({ real, simulated, measures, score: null, ciLow: null, ciHigh: null, rank: 1, rankLow: 1, rankHigh: simulators.length, closerThan: [], pairwise: [] }));
  }
  const scores = new Map(simulators.map((simulated) => [simulated, scoreOf(simulated)]));
  // Resamples where every simulator's score is defined: ranks and pairwise shares are taken over these.
  const usable: number[] = [];
  for (let resample = 0; resample < resamples; resample += 1) {
    if (simulators.every((simulated) => !Number.isNaN(scores.get(simulated)?.reflected[resample] as number))) usable.push(resample);
  }
  const closerShare = (a: Float64Array, b: Float64Array): number => {
    if (usable.length === 0) return 0.5;
    let closer = 0;
    for (const resample of usable) {
      const difference = (a[resample] as number) - (b[resample] as number);
      closer += difference < 0 ? 1 : difference === 0 ? 0.5 : 0;
    }
    return closer / usable.length;
  };
  const rows = simulators.map((simulated): LeaderboardRow => {
    const score = scores.get(simulated) as { estimate: number; reflected: Float64Array };
    const sorted = Float64Array.from(usable, (resample) => score.reflected[resample] as number).sort();
    const ranks = Float64Array.from(usable, (resample) => {
      const own = score.reflected[resample] as number;
      let rank = 1;
      for (const other of simulators) {
        if (other === simulated) continue;
        const value = scores.get(other)?.reflected[resample] as number;
        rank += value < own ? 1 : value === own ? 0.5 : 0;
      }
      return rank;
    }).sort();
    const pairwise = simulators
      .filter((other) => other !== simulated)
      .map((other) => ({
        simulated: other,
        probabilityCloser: roundForReport(closerShare(score.reflected, (scores.get(other) as { reflected: Float64Array }).reflected)) as number,
        byMeasure: Object.fromEntries(
          measures.map((measure) => [
            measure,
            roundForReport(closerShare(perMeasure.get(simulated)?.get(measure)?.reflected as Float64Array, perMeasure.get(other)?.get(measure)?.reflected as Float64Array)) as number,
          ]),
        ),
      }));
    return {
      real,
      simulated,
      measures,
      score: roundForReport(score.estimate),
      ciLow: sorted.length === 0 ? null : roundForReport(Math.max(0, sortedQuantile(sorted, 0.025))),
      ciHigh: sorted.length === 0 ? null : roundForReport(Math.max(0, sortedQuantile(sorted, 0.975))),
      rank: 1,
      rankLow: ranks.length === 0 ? 1 : Math.floor(sortedQuantile(ranks, 0.025)),
      rankHigh: ranks.length === 0 ? simulators.length : Math.ceil(sortedQuantile(ranks, 0.975)),
      closerThan: pairwise.filter((entry) => entry.probabilityCloser >= LEADERBOARD_ORDER_PROBABILITY).map((entry) => entry.simulated),
      pairwise,
    };
  });
  for (const row of rows) row.rank = 1 + rows.filter((other) => other.closerThan.includes(row.simulated)).length;
  return rows.sort((a, b) => a.rank - b.rank || (a.score ?? Infinity) - (b.score ?? Infinity) || compareText(a.simulated, b.simulated));
}
