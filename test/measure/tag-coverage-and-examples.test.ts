import { describe, expect, it } from 'vitest';
import type { Dialogue, DialogueSet } from '../../src/core/dialogue.js';
import type { DimensionDefinition } from '../../src/core/dimension.js';
import type { DistanceRow, DistributionRow } from '../../src/core/report-rows.js';
import { findTagCoverage } from '../../src/measure/find-tag-coverage.js';
import type { MeasuredSet } from '../../src/measure/measured-set.js';
import { selectGapExamples } from '../../src/measure/select-gap-examples.js';

function share(set: string, category: string, count: number, sharePercent: number, measure = 'tags'): DistributionRow {
  return { set, domain: 'all', dimension: 'feedback', measure, category, unitOfMass: 'tag occurrence', backend: 'rules@1', count, sharePercent };
}

describe('findTagCoverage', () => {
  it('flags tags frequent on one side and under a quarter of that share on the other', () => {
    const distributions = [
      // complaint: real 10%, sim 2% < ¼·10 = 2.5 → rarely produced
      share('real', 'complaint', 10, 10),
      share('sim', 'complaint', 2, 2),
      // thanks: sim 20%, real 4% < ¼·20 = 5 → invented
      share('real', 'thanks', 4, 4),
      share('sim', 'thanks', 20, 20),
      // question: real 3%, sim 0.75% = exactly ¼·3 → not under a quarter → no row
      share('real', 'question', 3, 3),
      share('sim', 'question', 0.75, 0.75),
      // rare: real 1.9% (< 2%, not frequent), sim 0 → no row
      share('real', 'rare', 1.9, 1.9),
      share('sim', 'rare', 0, 0),
      // none: 81.1% vs 77.25%: no row
      share('real', 'none', 81.1, 81.1),
      share('sim', 'none', 77.25, 77.25),
      // another domain and another set are ignored
      { ...share('real', 'thanks', 1, 50), domain: 'travel' },
      share('other', 'complaint', 0, 0),
      // a measure annotated on the real side only has no comparison
      share('real', 'x', 5, 100, 'real_only'),
    ];
    const rows = findTagCoverage({ distributions, real: 'real', simulated: 'sim' });
    expect(rows.map((row) => `${row.category}:${row.kind}`)).toEqual(['complaint:rarely_produced', 'thanks:invented']);
    expect(rows[0]).toMatchObject({ realSharePercent: 10, simulatedSharePercent: 2, realCount: 10, simulatedCount: 2, shareRatio: 0.2, unitOfMass: 'tag occurrence' });
    expect(rows[1]?.shareRatio).toBe(5);
  });
});

const definition: DimensionDefinition = {
  id: 'feedback',
  level: 'communicative-function',
  title: 'Feedback',
  description: 'test',
  measures: [{ id: 'feedback', scale: 'categorical', unitOfMass: 'tag occurrence', categories: ['no_feedback', 'explicit_positive', 'explicit_negative'], includesNone: false, description: 'test' }],
};

function dialogue(id: string, source: string, texts: string[]): Dialogue {
  return {
    id,
    source,
    domain: 'general',
    turns: texts.flatMap((text) => [
      { role: 'user' as const, text },
      { role: 'assistant' as const, text: 'ok' },
    ]),
    aside: [],
    origin: { file: 'test.jsonl', format: 'test' },
  };
}

/** Turn k of dialogue i carries tags[i][k]. */
function sets(name: string, kind: 'real' | 'simulated', tags: string[][][], texts: string[][]): { set: DialogueSet; measured: MeasuredSet } {
  const dialogues = texts.map((turnTexts, index) => dialogue(`${name}-${index}`, name, turnTexts));
  return {
    set: { name, kind, dialogues, fingerprints: [], format: 'test' },
    measured: {
      name,
      kind,
      backends: { feedback: 'rules@1' },
      dialogues: tags.map((turnTags, index) => ({
        id: `${name}-${index}`,
        domain: 'general',
        annotations: {
          feedback: {
            dialogueId: `${name}-${index}`,
            numeric: {},
            categorical: { feedback: turnTags.flat() },
            userTurns: turnTags.map((feedback, turn) => ({ turn: turn + 1, feedback })),
          },
        },
      })),
    },
  };
}

describe('selectGapExamples', () => {
  const long = `${'é'.repeat(399)}😀tail <script>alert(1)</script>`;
  const real = sets(
    'real',
    'real',
    [[['no_feedback'], ['explicit_negative']], [['no_feedback'], ['no_feedback']]],
    [['hi', 'that is wrong'], ['hello', 'more please']],
  );
  const simulated = sets(
    'sim',
    'simulated',
    [[['no_feedback'], ['explicit_positive']], [['no_feedback'], ['explicit_positive']], [['no_feedback'], ['explicit_positive']]],
    [['a', 'great, thanks'], ['b', long], ['c', 'perfect']],
  );
  const gap: DistanceRow = {
    dimension: 'feedback', measure: 'feedback', metric: 'tvd', unit: 'TVD × 100', backend: 'rules@1', real: 'real', simulated: 'sim',
    domain: 'all', value: 50, ciLow: 40, ciHigh: 60, noiseFloor: 10, nReal: 2, nSimulated: 3, paired: false, meanReal: null, meanSimulated: null, warnings: [],
  };
  // Shares: real no_feedback 75, negative 25, positive 0; sim no_feedback 50, positive 50, negative 0.
  // no_feedback holds ≥ 50% on both sides, so it is passed over; |50 − 0| (positive) > |0 − 25| (negative).
  const distributions: DistributionRow[] = [
    { ...share('real', 'no_feedback', 3, 75, 'feedback') },
    { ...share('real', 'explicit_negative', 1, 25, 'feedback') },
    { ...share('real', 'explicit_positive', 0, 0, 'feedback') },
    { ...share('sim', 'no_feedback', 3, 50, 'feedback') },
    { ...share('sim', 'explicit_positive', 3, 50, 'feedback') },
    { ...share('sim', 'explicit_negative', 0, 0, 'feedback') },
  ];
  const input = {
    comparisons: [{ real: 'real', simulated: 'sim' }],
    distances: [gap, { ...gap, measure: 'other', value: 5 }, { ...gap, domain: 'travel', value: 90 }],
    distributions,
    sets: [real.set, simulated.set],
    measuredSets: [real.measured, simulated.measured],
    definitions: [definition],
    seed: 4,
  };

  it('picks the over-produced category and draws up to 2 turns per side that carry it, cut to 400 characters', () => {
    const rows = selectGapExamples(input);
    // the "other" row is below its floor, the travel row is not domain "all": one gap
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({ rank: 1, category: 'explicit_positive', direction: 'over-produced', matchedBy: 'user turn', realCandidates: 0, simulatedCandidates: 3 });
    expect(row?.turns.every((turn) => turn.side === 'simulated' && turn.userTurn === 2)).toBe(true);
    expect(row?.turns).toHaveLength(2);
    expect(new Set(row?.turns.map((turn) => turn.dialogueId)).size).toBe(2);
    for (const turn of row?.turns ?? []) {
      const source = simulated.set.dialogues.find((entry) => entry.id === turn.dialogueId);
      const full = source?.turns[2]?.text ?? '';
      if (turn.truncated) {
        // 399 × "é" + the emoji (one code point, two UTF-16 units) = 400 characters, then "…"
        expect(turn.text).toBe(`${'é'.repeat(399)}😀…`);
        expect(turn.characters).toBe(Array.from(full).length);
      } else {
        expect(turn.text).toBe(full);
      }
    }
  });

  it('adds, per domain, its largest categorical gap with verdict "gap", drawn from that domain; the "all" examples stay as they were', () => {
    const general = distributions.map((row) => ({ ...row, domain: 'general' }));
    const withDomains = {
      ...input,
      distances: [...input.distances, { ...gap, domain: 'general', verdict: 'gap' as const }, { ...gap, domain: 'general', measure: 'other', value: 80, verdict: 'no detectable gap' as const }],
      distributions: [...distributions, ...general],
    };
    const rows = selectGapExamples(withDomains);
    expect(rows.map((row) => [row.domain, row.rank, row.measure, row.category])).toEqual([
      ['all', 1, 'feedback', 'explicit_positive'],
      ['general', 1, 'feedback', 'explicit_positive'],
    ]);
    expect(JSON.stringify(rows[0])).toBe(JSON.stringify(selectGapExamples(input)[0]));
    expect(rows[1]?.simulatedCandidates).toBe(3);
    expect(rows[1]?.turns.every((turn) => turn.domain === 'general')).toBe(true);
  });

  it('keeps every candidate when asked for more turns than exist, including the cut one', () => {
    const turns = selectGapExamples({ ...input, turnsPerSide: 5 })[0]?.turns ?? [];
    expect(turns).toHaveLength(3);
    expect(turns.filter((turn) => turn.truncated).map((turn) => turn.text)).toEqual([`${'é'.repeat(399)}😀…`]);
    // 399 × "é" + 1 emoji + "tail <script>alert(1)</script>" (30) = 430 code points
    expect(turns.find((turn) => turn.truncated)?.characters).toBe(430);
  });

  it('is deterministic per seed and draws differently for another seed', () => {
    const pick = (seed: number) => JSON.stringify(selectGapExamples({ ...input, seed }).map((row) => row.turns.map((turn) => turn.dialogueId)));
    expect(pick(4)).toBe(pick(4));
    const seen = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(pick));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('falls back to dialogues when no per-turn field fits the measure', () => {
    const strip = (set: MeasuredSet): MeasuredSet => ({
      ...set,
      dialogues: set.dialogues.map((entry) => ({ ...entry, annotations: { feedback: { ...(entry.annotations.feedback as NonNullable<typeof entry.annotations.feedback>), userTurns: [] } } })),
    });
    const rows = selectGapExamples({ ...input, measuredSets: [strip(real.measured), strip(simulated.measured)] });
    expect(rows[0]?.matchedBy).toBe('dialogue');
    expect(rows[0]?.simulatedCandidates).toBe(3);
    // the first non-empty user turn of the dialogue is shown
    expect(rows[0]?.turns.every((turn) => turn.userTurn === 1)).toBe(true);
  });
});

describe('selectGapExamples across dialogues', () => {
  it('prefers turns from different dialogues', () => {
    // Simulated dialogue 0 has three explicit_positive turns, dialogue 1 one: for every seed the two
    // examples come from the two different dialogues.
    const real = sets('real', 'real', [[['no_feedback']]], [['hi']]);
    const simulated = sets(
      'sim',
      'simulated',
      [[['no_feedback'], ['explicit_positive'], ['explicit_positive'], ['explicit_positive']], [['explicit_positive']]],
      [['a', 'great', 'super', 'thanks'], ['perfect']],
    );
    const gap: DistanceRow = {
      dimension: 'feedback', measure: 'feedback', metric: 'tvd', unit: 'TVD × 100', backend: 'rules@1', real: 'real', simulated: 'sim',
      domain: 'all', value: 80, ciLow: 70, ciHigh: 90, noiseFloor: 0, nReal: 1, nSimulated: 2, paired: false, meanReal: null, meanSimulated: null, warnings: [],
    };
    const distributions = [
      share('real', 'no_feedback', 1, 100, 'feedback'),
      share('sim', 'no_feedback', 1, 20, 'feedback'),
      share('sim', 'explicit_positive', 4, 80, 'feedback'),
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      const [row] = selectGapExamples({
        comparisons: [{ real: 'real', simulated: 'sim' }],
        distances: [gap],
        distributions,
        sets: [real.set, simulated.set],
        measuredSets: [real.measured, simulated.measured],
        definitions: [definition],
        seed,
      });
      expect(row?.simulatedCandidates).toBe(4);
      expect(row?.turns.map((turn) => turn.dialogueId).sort()).toEqual(['sim-0', 'sim-1']);
    }
  });
});
