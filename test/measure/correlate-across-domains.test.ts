import { describe, expect, it } from 'vitest';
import { correlateAcrossDomains } from '../../src/measure/correlate-across-domains.js';
import { compareSetsWithCorrelations } from '../../src/measure/compare-sets.js';
import { feedbackDefinition, knowledgeDefinition, lengthDefinition, measuredSet, type DialogueSpec } from './measured-fixtures.js';

const definitions = [lengthDefinition, feedbackDefinition, knowledgeDefinition];

/** Two dialogues per domain with the given word counts. */
function wordSpecs(prefix: string, byDomain: Record<string, number[]>): DialogueSpec[] {
  return Object.entries(byDomain).flatMap(([domain, values]) =>
    values.map((words, index) => ({ id: `${prefix}-${domain}-${index}`, domain, words })),
  );
}

describe('correlateAcrossDomains', () => {
  // Per-domain means: real a 1, b 2, c 3, d 4; simulated a 2, b 4, c 5, d 9.
  // r = 11 / √130 = 0.964764 (worked out in pearson-correlation.test.ts) → 0.9648
  const real = measuredSet('real', 'real', wordSpecs('r', { a: [0, 2], b: [1, 3], c: [2, 4], d: [3, 5], onlyReal: [100, 100] }));
  const simulated = measuredSet('sim', 'simulated', wordSpecs('s', { a: [1, 3], b: [3, 5], c: [4, 6], d: [8, 10], onlySim: [0] }));
  const rows = correlateAcrossDomains({ real, simulated, definitions: [lengthDefinition], seed: 1, resamples: 400 });

  // One dialogue per domain; shares of "positive" worked out in the category-share test below.
  const tagReal = measuredSet('real', 'real', [
    { id: 'ra', domain: 'a', tags: ['positive', 'none'] },
    { id: 'rb', domain: 'b', tags: ['positive', 'none', 'none', 'none'] },
    { id: 'rc', domain: 'c', tags: ['none'] },
    { id: 'rd', domain: 'd', tags: ['positive'] },
  ]);
  const tagSimulated = measuredSet('sim', 'simulated', [
    { id: 'sa', domain: 'a', tags: ['positive'] },
    { id: 'sb', domain: 'b', tags: ['positive', 'none'] },
    { id: 'sc', domain: 'c', tags: ['none', 'none', 'none', 'positive'] },
    { id: 'sd', domain: 'd', tags: ['positive'] },
  ]);

  it('correlates per-domain means over the domains present in both sets', () => {
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      dimension: 'length',
      measure: 'words',
      category: '',
      profile: 'per-domain mean words per dialogue',
      backend: 'whitespace@1',
      real: 'real',
      simulated: 'sim',
      domains: 4,
      r: 0.9648,
    });
    expect(row?.warnings).toEqual([
      'few domains: r over 4 domains is unstable',
      'small domains: 4 of 4 domains have fewer than 30 dialogues with data in a set',
    ]);
  });

  it('gives a seeded bootstrap interval around r', () => {
    const row = rows[0];
    expect(row?.ciLow).toBeLessThanOrEqual(0.9648);
    expect(row?.ciHigh).toBeGreaterThanOrEqual(0.9648);
    expect(row?.ciHigh).toBeLessThanOrEqual(1);
    expect(row?.ciLow).toBeLessThan(row?.ciHigh as number);
    expect(correlateAcrossDomains({ real, simulated, definitions: [lengthDefinition], seed: 1, resamples: 400 })).toEqual(rows);
    expect(correlateAcrossDomains({ real, simulated, definitions: [lengthDefinition], seed: 2, resamples: 400 })).not.toEqual(rows);
  });

  it('correlates per-domain category shares, one row per category', () => {
    // Shares of "positive" (% of tag occurrences): real a 1/2 = 50, b 1/4 = 25, c 0, d 100;
    // simulated a 100, b 50, c 1/4 = 25, d 100.
    // x = [50,25,0,100] (mean 43.75), y = [100,50,25,100] (mean 68.75)
    // dx = [6.25,−18.75,−43.75,56.25], dy = [31.25,−18.75,−43.75,31.25]
    // Σdx·dy = 195.3125 + 351.5625 + 1914.0625 + 1757.8125 = 4218.75
    // Σdx² = 5468.75, Σdy² = 4218.75 → r = 4218.75 / √(5468.75 · 4218.75) = √(4218.75 / 5468.75) = 0.878310
    // "none" shares are 100 − "positive" on both sides, so r is the same; "negative" is 0 everywhere
    // → constant profile → r null.
    const tagRows = correlateAcrossDomains({ real: tagReal, simulated: tagSimulated, definitions, seed: 1, resamples: 100 }).filter(
      (row) => row.dimension === 'feedback',
    );
    expect(tagRows.map((row) => [row.measure, row.category, row.domains, row.r])).toEqual([
      ['tags', 'positive', 4, 0.8783],
      ['tags', 'negative', 4, null],
      ['tags', 'none', 4, 0.8783],
    ]);
    expect(tagRows[0]?.profile).toBe('per-domain share of "positive" in % of tag occurrences');
    expect(tagRows[1]?.warnings).toContain('r undefined: the per-domain profile is constant in one set');
    expect(tagRows[1]).toMatchObject({ ciLow: null, ciHigh: null });
  });

  it('gives r null below 3 shared domains', () => {
    const two = correlateAcrossDomains({
      real: measuredSet('real', 'real', wordSpecs('r', { a: [1], b: [2] })),
      simulated: measuredSet('sim', 'simulated', wordSpecs('s', { a: [1], b: [3] })),
      definitions: [lengthDefinition],
      seed: 1,
    });
    expect(two[0]).toMatchObject({ domains: 2, r: null, ciLow: null, ciHigh: null });
    expect(two[0]?.warnings[0]).toBe('needs at least 3 domains with data in both sets, found 2');
  });

  it('leaves out domains where a set has no value', () => {
    const specs = wordSpecs('r', { a: [1], b: [2], c: [3], d: [4] });
    const simulatedSpecs = wordSpecs('s', { a: [2], b: [4], c: [6] });
    simulatedSpecs.push({ id: 's-d', domain: 'd', words: null });
    const result = correlateAcrossDomains({
      real: measuredSet('real', 'real', specs),
      simulated: measuredSet('sim', 'simulated', simulatedSpecs),
      definitions: [lengthDefinition],
      seed: 1,
      resamples: 20,
    });
    // Domains a, b, c: [1,2,3] vs [2,4,6] is exactly linear → r = 1.
    expect(result[0]).toMatchObject({ domains: 3, r: 1 });
  });

  it('comes out of compareSets with the same rows, the interval drawn from the distances\' domain resamples', () => {
    const compared = compareSetsWithCorrelations({ real, simulated, definitions: [lengthDefinition], seed: 1, resamples: 400, paired: false });
    expect(compared.correlations).toHaveLength(1);
    const { ciLow, ciHigh, ...rest } = compared.correlations[0]!;
    const { ciLow: _ownLow, ciHigh: _ownHigh, ...own } = rows[0]!;
    // r = 0.9648 over domains a–d (onlyReal and onlySim have no partner), same warnings
    expect(rest).toEqual(own);
    expect(ciLow).toBeLessThanOrEqual(0.9648);
    expect(ciHigh).toBeGreaterThanOrEqual(0.9648);
    expect(ciHigh).toBeLessThanOrEqual(1);
    expect(ciLow).toBeLessThan(ciHigh as number);
    // the distances are those of compareSets alone
    expect(compared.distances.map((row) => [row.domain, row.value])).toEqual([
      ['all', compared.distances[0]?.value],
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 5],
    ]);
  });

  it('comes out of compareSets with hand-worked category-share r and no interval for a constant profile', () => {
    const { correlations } = compareSetsWithCorrelations({ real: tagReal, simulated: tagSimulated, definitions: [feedbackDefinition], seed: 1, resamples: 100, paired: false });
    // r = 0.8783 worked out above; one dialogue per domain, so every resample is the data itself: interval = [r, r]
    expect(correlations.map((row) => [row.category, row.domains, row.r, row.ciLow, row.ciHigh])).toEqual([
      ['positive', 4, 0.8783, 0.8783, 0.8783],
      ['negative', 4, null, null, null],
      ['none', 4, 0.8783, 0.8783, 0.8783],
    ]);
  });
});
