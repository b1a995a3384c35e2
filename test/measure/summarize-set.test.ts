import { describe, expect, it } from 'vitest';
import { summarizeSet } from '../../src/measure/summarize-set.js';
import { feedbackDefinition, knowledgeDefinition, lengthDefinition, measuredSet } from './measured-fixtures.js';

const definitions = [lengthDefinition, feedbackDefinition, knowledgeDefinition];

describe('summarizeSet', () => {
  const set = measuredSet('real', 'real', [
    { id: 'r1', domain: 'email', words: 10, tags: ['positive', 'none'], vectors: [[1, 0]] },
    { id: 'r2', domain: 'email', words: 20, tags: ['negative'] },
    { id: 'r3', domain: 'travel', words: 40, tags: ['none', 'none', 'none'] },
    { id: 'r4', domain: 'travel', words: null, tags: [] },
    { id: 'r5', domain: 'travel', words: 60 },
  ]);
  const { summary, distributions } = summarizeSet(set, definitions);

  it('gives n, mean and median of the numeric measures per domain and for "all"', () => {
    // all:    [10, 20, 40, 60] (r4 is null) → n 4, mean 130/4 = 32.5, median (20 + 40)/2 = 30
    // email:  [10, 20] → mean 15, median 15; travel: [40, 60] → mean 50, median 50
    const base = { set: 'real', dimension: 'length', measure: 'words', unit: 'words per dialogue', backend: 'whitespace@1' };
    expect(summary).toEqual([
      { ...base, domain: 'all', n: 4, mean: 32.5, median: 30 },
      { ...base, domain: 'email', n: 2, mean: 15, median: 15 },
      { ...base, domain: 'travel', n: 2, mean: 50, median: 50 },
    ]);
  });

  it('gives count and share of every category in definition order', () => {
    // all: positive 1, negative 1, none 1 + 3 = 4; total 6 → 16.6667 %, 16.6667 %, 66.6667 %
    // email: 1, 1, 1 of 3 → 33.3333 % each; travel: 0, 0, 3 of 3 → 0 %, 0 %, 100 %
    const rows = distributions.map((row) => [row.domain, row.category, row.count, row.sharePercent]);
    expect(rows).toEqual([
      ['all', 'positive', 1, 16.6667],
      ['all', 'negative', 1, 16.6667],
      ['all', 'none', 4, 66.6667],
      ['email', 'positive', 1, 33.3333],
      ['email', 'negative', 1, 33.3333],
      ['email', 'none', 1, 33.3333],
      ['travel', 'positive', 0, 0],
      ['travel', 'negative', 0, 0],
      ['travel', 'none', 3, 100],
    ]);
    expect(distributions[0]).toEqual({
      set: 'real',
      domain: 'all',
      dimension: 'feedback',
      measure: 'tags',
      category: 'positive',
      unitOfMass: 'tag occurrence',
      backend: 'rules@1',
      count: 1,
      sharePercent: 16.6667,
    });
  });

  it('keeps unexpected categories after the defined ones, and skips dimensions without a backend', () => {
    const odd = measuredSet('sim', 'simulated', [{ id: 's1', domain: 'x', words: 3, tags: ['sarcasm', 'positive'] }]);
    delete odd.backends.length;
    const result = summarizeSet(odd, definitions);
    expect(result.summary).toEqual([]);
    expect(result.distributions.filter((row) => row.domain === 'all').map((row) => [row.category, row.sharePercent])).toEqual([
      ['positive', 50],
      ['negative', 0],
      ['none', 0],
      ['sarcasm', 50],
    ]);
  });

  it('gives null mean and median when no dialogue has a value, and 0 shares without mass', () => {
    const empty = measuredSet('sim', 'simulated', [{ id: 's1', domain: 'x', words: null, tags: [] }]);
    const result = summarizeSet(empty, definitions);
    expect(result.summary.map((row) => [row.domain, row.n, row.mean, row.median])).toEqual([
      ['all', 0, null, null],
      ['x', 0, null, null],
    ]);
    expect(result.distributions.every((row) => row.count === 0 && row.sharePercent === 0)).toBe(true);
  });
});
