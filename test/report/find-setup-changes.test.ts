import { describe, expect, it } from 'vitest';
import { duplicatedObjectKeys, findComparisonBlockers } from '../../src/report/compare-reports.js';
import { findSetupChanges } from '../../src/report/find-setup-changes.js';
import { fixtureReport } from './report-fixture.js';

describe('findSetupChanges', () => {
  it('finds nothing between a report and itself', () => {
    expect(findSetupChanges(fixtureReport(), fixtureReport())).toEqual([]);
  });

  it('lists a dimension left out, a resampling setting and the schema minor, one line each, in a fixed order', () => {
    const baseline = fixtureReport();
    const current = { ...fixtureReport(), schemaVersion: '1.2.0' };
    current.dimensions = current.dimensions.filter((dimension) => dimension.id !== 'knowledge');
    current.distances = current.distances.filter((row) => row.dimension !== 'knowledge');
    current.statistics = { ...current.statistics, bootstrapResamples: 200 };
    expect(findSetupChanges(baseline, current)).toEqual([
      'dimension knowledge: in the baseline (USE-lite (test)), not in the current report',
      'bootstrap resamples: 1000 → 200',
      'report schema: 1.0.0 → 1.2.0 (distance fields may differ in meaning)',
    ]);
  });
});

describe('findComparisonBlockers and duplicatedObjectKeys', () => {
  it('finds a duplicated distance row', () => {
    const current = fixtureReport();
    current.distances = [...current.distances, current.distances[0]!];
    expect(findComparisonBlockers(fixtureReport(), current)).toEqual([
      'the current report has duplicated distance rows: intent.intent (all, <script>alert(1)</script> vs real)',
    ]);
  });

  it('finds keys given twice in a JSON object text, escapes decoded', () => {
    expect(duplicatedObjectKeys('{"a.b": 1, "c": 2, "a\\u002eb": 3}')).toEqual(['a.b']);
    expect(duplicatedObjectKeys('{"a.b": 1}')).toEqual([]);
  });
});
