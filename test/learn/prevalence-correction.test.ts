import { describe, expect, it } from 'vitest';
import { attachPrevalenceCorrection, userTurnsBySetAndDomain } from '../../src/cli/run-evaluation.js';
import type { DimensionRun } from '../../src/annotate/annotate-sets.js';
import type { DimensionModule } from '../../src/core/dimension.js';
import type { DistributionRow } from '../../src/core/report-rows.js';
import { PREVALENCE_CORRECTION_NOTE, adjustedClassifyAndCount, tagRatesFromValidityFigures } from '../../src/learn/prevalence-correction.js';
import type { RealismReport } from '../../src/report/realism-report.js';
import { correctedTurnCell } from '../../src/report/render-markdown-report.js';
import { dialogueFromUserTexts } from '../helpers/test-dialogue.js';

describe('tag rates from cross-validated figures', () => {
  it('recovers TPR = recall and FPR = false positives / turns without the tag', () => {
    // 100 turns; tag a: support 20, recall 0.75 → tp 15, predicted 25 → fp 10, FPR 10 / 80 = 0.125
    // tag b: support 50, recall 0.5 → tp 25, predicted 25 → fp 0
    const rates = tagRatesFromValidityFigures({
      turns: 100,
      perTag: {
        a: { precision: 0.6, recall: 0.75, f1: 0.6667, support: 20, predicted: 25 },
        b: { precision: 1, recall: 0.5, f1: 0.6667, support: 50, predicted: 25 },
        never: { precision: 0, recall: 0, f1: 0, support: 0, predicted: 3 },
      },
    });
    expect(rates).toEqual({ a: { truePositiveRate: 0.75, falsePositiveRate: 0.125 }, b: { truePositiveRate: 0.5, falsePositiveRate: 0 } });
  });
});

describe('adjusted classify-and-count', () => {
  const rates = { truePositiveRate: 0.75, falsePositiveRate: 0.125 };
  it('corrects an observed share: (0.2 − 0.125) / (0.75 − 0.125) = 0.12', () => {
    expect(adjustedClassifyAndCount(0.2, rates)).toBeCloseTo(0.12, 12);
    // (0.5 − 0.125) / 0.625 = 0.6
    expect(adjustedClassifyAndCount(0.5, rates)).toBeCloseTo(0.6, 12);
  });
  it('clips to [0, 1]: 0.05 → −0.12 → 0; 0.9 → 1.24 → 1', () => {
    expect(adjustedClassifyAndCount(0.05, rates)).toBe(0);
    expect(adjustedClassifyAndCount(0.9, rates)).toBe(1);
  });
  it('gives null when the annotator does not separate the tag (TPR ≤ FPR)', () => {
    expect(adjustedClassifyAndCount(0.3, { truePositiveRate: 0.2, falsePositiveRate: 0.2 })).toBeNull();
  });
});

describe('prevalence-corrected shares in the report', () => {
  const distribution = (set: string, domain: string, category: string, count: number, sharePercent: number): DistributionRow => ({
    set, domain, dimension: 'feedback', measure: 'feedback', category, unitOfMass: 'tag occurrence', backend: 'feedback-trained@1', count, sharePercent,
  });

  it('puts observed and corrected turn shares beside the raw share of the trained measure only, and states the correction', () => {
    // set "real": 2 dialogues × 5 user turns = 10 turns; praise on 4 of them → observed 40 %
    // TPR 0.75, FPR 0.125 → (0.4 − 0.125) / 0.625 = 0.44 → 44 %
    const sets = [{ name: 'real', kind: 'real', dialogues: [dialogueFromUserTexts('a', ['1', '2', '3', '4', '5']), dialogueFromUserTexts('b', ['1', '2', '3', '4', '5'])] }];
    const turns = userTurnsBySetAndDomain(sets as never);
    expect(turns.get('real\u0000all')).toBe(10);
    expect(turns.get('real\u0000test')).toBe(10);
    const report = {
      distributions: [distribution('real', 'all', 'praise', 4, 40), distribution('real', 'all', 'no_feedback', 6, 60), { ...distribution('real', 'all', 'praise', 4, 40), measure: 'other' }],
      statistics: { notes: [] as string[] },
    } as unknown as RealismReport;
    const run = {
      module: { definition: { id: 'feedback' } } as unknown as DimensionModule,
      backend: 'trained',
      milliseconds: 0,
      tagRates: { measure: 'feedback', perTag: { praise: { truePositiveRate: 0.75, falsePositiveRate: 0.125 } }, source: 'cross-validated' },
    } satisfies DimensionRun;
    attachPrevalenceCorrection(report, [run], turns);
    expect(report.distributions[0]).toMatchObject({ sharePercent: 40, observedTurnPercent: 40, correctedTurnPercent: 44 });
    expect(report.distributions[1]?.correctedTurnPercent).toBeUndefined();
    expect(report.distributions[2]?.correctedTurnPercent).toBeUndefined();
    expect(report.statistics.notes).toEqual([PREVALENCE_CORRECTION_NOTE]);
    expect(correctedTurnCell(report.distributions[0])).toBe('40.0 → 44.0');
    expect(correctedTurnCell({ observedTurnPercent: 12.5, correctedTurnPercent: null })).toBe('12.5 → n/a');
    expect(correctedTurnCell(report.distributions[1])).toBe('');
  });
});
