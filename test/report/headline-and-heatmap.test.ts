import type { RealismReport } from '../../src/report/realism-report.js';
import { describe, expect, it } from 'vitest';
import { listDimensionIds, loadDimensions } from '../../src/annotate/dimension-registry.js';
import { heatmapChartSpec } from '../../src/report/chart-heatmap.js';
import { contrastRatio, heatmapCellColour, heatmapTextColour, robustColourCap } from '../../src/report/heatmap-colour-scale.js';
import { headlineMeasures } from '../../src/report/html-leaderboard.js';
import { distanceRow, fixtureReport } from './report-fixture.js';

describe('headline measure per dimension', () => {
  it('every built-in dimension declares a headline that is one of its measures', async () => {
    const modules = await loadDimensions(listDimensionIds());
    const declared = Object.fromEntries(modules.map((module) => [module.definition.id, module.definition.headlineMeasure]));
    for (const module of modules) {
      expect(module.definition.measures.map((measure) => measure.id)).toContain(module.definition.headlineMeasure);
    }
    expect(declared).toMatchObject({ identity: 'identity_dialogue', linguistic: 'mtld', error: 'errors_per_100_words', length: 'user_words', intent: 'intent' });
  });

  it('uses the declared measure over the first one, and falls back to the first measure with a row', () => {
    const report = fixtureReport();
    report.dimensions = [
      {
        ...(report.dimensions[0] as RealismReport['dimensions'][number]),
        measures: [
          { id: 'intent', scale: 'categorical', unitOfMass: 'tag occurrence', categories: ['a'], includesNone: false, description: '' },
          { id: 'request_presence', scale: 'categorical', unitOfMass: 'user turn', categories: ['request'], includesNone: true, description: '' },
        ],
        headlineMeasure: 'request_presence',
      },
      { ...(report.dimensions[2] as RealismReport['dimensions'][number]), headlineMeasure: 'not_measured' },
    ];
    report.distances.push(distanceRow({ measure: 'request_presence' }));
    expect(headlineMeasures(report)).toEqual([
      { dimension: 'intent', measure: 'request_presence' },
      { dimension: 'length', measure: 'user_words' },
    ]);
  });
});

describe('heatmap colour scale', () => {
  it('caps the scale at the 90th percentile (at least 2), so one extreme cell does not set it', () => {
    expect(robustColourCap([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 500])).toBe(10);
    expect(robustColourCap([0.1, 0.2, null])).toBe(2);
    expect(robustColourCap([])).toBe(2);
  });

  it('picks black or white text with a contrast of at least 4.5 on every cell colour', () => {
    for (let step = 0; step <= 100; step += 1) {
      const value = step / 10;
      const background = heatmapCellColour(value, [0, 10]);
      expect(contrastRatio(background, heatmapTextColour(value, [0, 10]))).toBeGreaterThanOrEqual(4.5);
    }
    expect(heatmapTextColour(10, [0, 10])).toBe('#ffffff');
    expect(heatmapTextColour(0, [0, 10])).toBe('#000000');
    expect(heatmapTextColour(null, [0, 10])).toBe('#000000');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('marks gap cells and sets the domain from the cells', () => {
    const spec = heatmapChartSpec({
      title: 't',
      subtitle: 's',
      rowTitle: 'r',
      columnTitle: 'c',
      colorTitle: 'k',
      rows: ['a'],
      columns: ['x', 'y'],
      cells: [
        { row: 'a', column: 'x', color: 1, label: '1', gap: false },
        { row: 'a', column: 'y', color: 40, label: '40 gap', gap: true },
      ],
    }) as unknown as { data: { values: Array<{ gap: boolean; textColor: string }> }; layer: Array<{ encoding: { color?: { scale?: { domain?: number[] } } } }> };
    expect(spec.data.values.map((cell) => [cell.gap, cell.textColor])).toEqual([
      [false, '#000000'],
      [true, '#ffffff'],
    ]);
    expect(spec.layer[0]?.encoding.color?.scale?.domain).toEqual([0, 36.1]);
  });
});
