import type { DistanceRow } from '../../src/core/report-rows.js';
import type { RealismReport } from '../../src/report/realism-report.js';

export const HOSTILE_SCRIPT = '<script>alert(1)</script>';
export const HOSTILE_IMAGE = '<img src=x onerror=alert(1)>';

export function distanceRow(overrides: Partial<DistanceRow>): DistanceRow {
  return {
    dimension: 'intent',
    measure: 'intent',
    metric: 'tvd',
    unit: 'TVD × 100 over tag occurrences (no none category)',
    backend: 'intent-rules@1 (test)',
    real: 'real',
    simulated: 'sim-a',
    domain: 'all',
    value: 10,
    ciLow: 8,
    ciHigh: 12,
    noiseFloor: 1.5,
    nReal: 40,
    nSimulated: 40,
    paired: true,
    meanReal: null,
    meanSimulated: null,
    warnings: [],
    ...overrides,
  };
}

/**
 * A small report: real set "real" vs two simulators whose names are hostile HTML, two domains, one
 * categorical, one numeric and one embedding measure. Set names, file paths and descriptions carry
 * <script>, <img onerror> and a markdown link: the HTML must show them as text.
 */
export function fixtureReport(): RealismReport {
  const simulators = [HOSTILE_SCRIPT, HOSTILE_IMAGE];
  const distances: DistanceRow[] = [];
  simulators.forEach((simulated, index) => {
    for (const domain of ['all', 'travel', 'email']) {
      const small = domain === 'email';
      distances.push(distanceRow({ simulated, domain, value: 10 + index * 5, ciLow: 8 + index * 5, ciHigh: 12 + index * 5, nReal: small ? 12 : 40 }));
      distances.push(
        distanceRow({
          dimension: 'length',
          measure: 'user_words',
          metric: 'wasserstein1',
          unit: 'words per dialogue',
          backend: 'whitespace word count (test)',
          simulated,
          domain,
          value: 30 - index * 10,
          ciLow: 25 - index * 10,
          ciHigh: 35 - index * 10,
          noiseFloor: 5,
          meanReal: 50,
          meanSimulated: 80 - index * 10,
          nReal: small ? 12 : 40,
        }),
      );
      distances.push(
        distanceRow({
          dimension: 'knowledge',
          measure: 'statements',
          metric: 'centroid_cosine',
          unit: 'cosine similarity of statement-embedding centroids',
          backend: 'USE-lite (test)',
          simulated,
          domain,
          value: 0.95,
          ciLow: 0.93,
          ciHigh: 0.97,
          noiseFloor: 0.99,
        }),
      );
    }
  });
  const sets = ['real', ...simulators];
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'realsim', version: '0.1.0' },
    seed: 1,
    statistics: { bootstrapResamples: 1000, confidenceLevel: 0.95, noiseFloorSplits: 21, smallSampleThreshold: 30, notes: ['notes with [a link](javascript:alert(1))'] },
    inputs: sets.map((set, index) => ({
      set,
      kind: index === 0 ? ('real' as const) : ('simulated' as const),
      format: 'jsonl',
      dialogues: 40,
      userTurns: 90,
      domains: ['email', 'travel'],
      files: [{ path: `data/${set}.jsonl`, sha256: 'a'.repeat(64), bytes: 1234 }],
    })),
    dimensions: [
      {
        id: 'intent',
        title: 'Intent',
        level: 'communicative-function',
        description: `Requests; a turn may say ${HOSTILE_IMAGE} or **bold** [click](http://example.com)`,
        backend: 'intent-rules@1 (test)',
        measures: [{ id: 'intent', scale: 'categorical', unitOfMass: 'tag occurrence', categories: ['info_retrieval', 'content_generation'], includesNone: false, description: 'tags' }],
      },
      {
        id: 'knowledge',
        title: 'Knowledge',
        level: 'user-state',
        description: 'statements',
        backend: 'USE-lite (test)',
        measures: [{ id: 'statements', scale: 'embedding', unitOfMass: 'knowledge statement', description: 'vectors' }],
      },
      {
        id: 'length',
        title: 'Length',
        level: 'surface-form',
        description: 'words',
        backend: 'whitespace word count (test)',
        measures: [{ id: 'user_words', scale: 'numeric', unit: 'words per dialogue', description: 'words' }],
      },
    ] as RealismReport['dimensions'],
    comparisons: simulators.map((simulated) => ({ real: 'real', simulated, paired: true, pairs: 40 })),
    summary: sets.flatMap((set, index) =>
      ['all', 'email', 'travel'].map((domain) => ({
        set,
        domain,
        dimension: 'length',
        measure: 'user_words',
        unit: 'words per dialogue',
        backend: 'whitespace word count (test)',
        n: domain === 'all' ? 40 : 20,
        mean: 50 + index * 10 + (domain === 'email' ? 5 : 0),
        median: 45 + index * 10,
      })),
    ),
    distributions: sets.flatMap((set, index) =>
      ['info_retrieval', 'content_generation'].map((category, position) => ({
        set,
        domain: 'all',
        dimension: 'intent',
        measure: 'intent',
        category,
        unitOfMass: 'tag occurrence',
        backend: 'intent-rules@1 (test)',
        count: 10 + index + position,
        sharePercent: position === 0 ? 60 - index * 10 : 40 + index * 10,
      })),
    ),
    distances,
    correlations: simulators.map((simulated) => ({
      dimension: 'length',
      measure: 'user_words',
      category: '',
      profile: 'per-domain mean words per dialogue',
      backend: 'whitespace word count (test)',
      real: 'real',
      simulated,
      domains: 2,
      r: null,
      ciLow: null,
      ciHigh: null,
      warnings: ['needs at least 3 domains with data in both sets, found 2'],
    })),
    annotatorValidity: [
      {
        dimension: 'intent',
        backend: 'intent-rules@1 (test)',
        labels: `labels/${HOSTILE_SCRIPT}.jsonl`,
        matchedTurns: 215,
        microF1: 0.8577,
        macroF1: 0.844,
        majorityBaselineMicroF1: 0.2698,
        majorityBaselineMacroF1: 0.0504,
        anyDisclosureF1: null,
        labelledAllNeutralPercent: null,
        predictedAllNeutralPercent: null,
      },
    ],
    warnings: [`dialogue ${HOSTILE_SCRIPT} skipped`],
  };
}
