import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dialogue, DialogueSet } from '../../src/core/dialogue.js';
import type { DialogueScoreRow } from '../../src/measure/classifier-two-sample-test.js';
import { csvField, formatDialogueScores } from '../../src/report/format-dialogue-scores.js';
import { renderMarkdownReport } from '../../src/report/render-markdown-report.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import { EXTREME_TURN_CHARACTERS, selectRealismExtremes } from '../../src/report/select-realism-extremes.js';
import { scoresCommand } from '../../src/cli/scores-command.js';
import { HOSTILE_IMAGE, HOSTILE_SCRIPT, fixtureReport } from './report-fixture.js';

function dialogue(id: string, scenarioId: string, userText: string): Dialogue {
  return {
    id,
    source: 'test',
    domain: 'travel',
    scenarioId,
    turns: [
      { role: 'user', text: userText },
      { role: 'assistant', text: 'ok' },
    ],
    aside: [],
    origin: { file: 'x.jsonl', format: 'jsonl' },
  };
}

function set(name: string, kind: 'real' | 'simulated', dialogues: Dialogue[]): DialogueSet {
  return { name, kind, dialogues, fingerprints: [], format: 'jsonl' };
}

function score(kind: 'real' | 'simulated', dialogueId: string, realism: number, pairedDialogueId: string | null): DialogueScoreRow {
  return { real: 'real', simulated: 'sim', set: kind === 'real' ? 'real' : 'sim', kind, dialogueId, scenarioId: `s-${dialogueId.split('-')[1]}`, domain: 'travel', realism, pairedDialogueId };
}

/** 25 pairs: simulated dialogue i has P(real) (i mod 25) / 25, with two ties at the bottom. */
function scoredPairs(): { sets: DialogueSet[]; dialogueScores: DialogueScoreRow[] } {
  const indices = Array.from({ length: 25 }, (_, index) => index);
  const sets = [
    set('real', 'real', indices.map((index) => dialogue(`real-${index}`, `s-${index}`, `real text ${index}`))),
    set('sim', 'simulated', indices.map((index) => dialogue(`sim-${index}`, `s-${index}`, index === 3 ? `${HOSTILE_SCRIPT} ${'long '.repeat(500)}` : `sim text ${index}`))),
  ];
  const dialogueScores = [
    ...indices.map((index) => score('real', `real-${index}`, 0.9, `sim-${index}`)),
    ...indices.map((index) => score('simulated', `sim-${index}`, index === 1 ? 0 : index / 25, `real-${index}`)),
  ];
  return { sets, dialogueScores };
}

describe('selectRealismExtremes', () => {
  it('lists the 10 least and, of the rest, the 10 most realistic simulated dialogues, ties by id, each beside its pair', () => {
    const { sets, dialogueScores } = scoredPairs();
    const rows = selectRealismExtremes({ dialogueScores, sets, comparisons: [{ real: 'real', simulated: 'sim' }] });
    const least = rows.filter((row) => row.which === 'least realistic');
    const most = rows.filter((row) => row.which === 'most realistic');
    // sim-0 and sim-1 both score 0: tie broken by id
    expect(least.map((row) => row.simulatedDialogue.dialogueId)).toEqual(['sim-0', 'sim-1', 'sim-2', 'sim-3', 'sim-4', 'sim-5', 'sim-6', 'sim-7', 'sim-8', 'sim-9']);
    expect(most.map((row) => row.simulatedDialogue.dialogueId)).toEqual(['sim-24', 'sim-23', 'sim-22', 'sim-21', 'sim-20', 'sim-19', 'sim-18', 'sim-17', 'sim-16', 'sim-15']);
    expect(least.map((row) => row.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(least[2]?.pairedReal).toMatchObject({ dialogueId: 'real-2', realism: 0.9, set: 'real' });
    const long = least[3]?.simulatedDialogue.turns[0];
    expect(long?.text.length).toBe(EXTREME_TURN_CHARACTERS);
    expect(long?.cut).toBe(true);
  });

  it('finds the real dialogue of the same scenario when the comparison is unpaired', () => {
    const { sets, dialogueScores } = scoredPairs();
    const unpaired = dialogueScores.map((row) => ({ ...row, pairedDialogueId: null }));
    const rows = selectRealismExtremes({ dialogueScores: unpaired, sets, comparisons: [{ real: 'real', simulated: 'sim' }] });
    expect(rows[0]?.pairedReal?.dialogueId).toBe('real-0');
  });
});

describe('report.html least / most realistic dialogues', () => {
  it('shows each simulated dialogue beside its pair, text escaped and long turns folded', () => {
    const { sets, dialogueScores } = scoredPairs();
    const report = fixtureReport();
    report.comparisons = [{ real: 'real', simulated: 'sim', paired: true, pairs: 25 }];
    report.dialogueScores = dialogueScores;
    report.realismExtremes = selectRealismExtremes({ dialogueScores, sets, comparisons: report.comparisons });
    const html = renderHtmlReport(report);
    const section = html.slice(html.indexOf('<h2 id="dialogue-realism">'), html.indexOf('<h2', html.indexOf('<h2 id="dialogue-realism">') + 5));
    expect(section).toContain('<h4>10 least realistic</h4>');
    expect(section).toContain('<h4>10 most realistic</h4>');
    expect(section).toContain('simulated: <span class="path">sim-0</span> (sim) · domain travel · scenario <span class="path">s-0</span> · P(real) 0.000');
    expect(section).toContain('real: <span class="path">real-0</span> (real)');
    expect(section).not.toMatch(/<script/i);
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt; long');
    expect(section.match(/<details><summary>/g)?.length).toBe(1);
    expect(section).toContain(`(cut to ${EXTREME_TURN_CHARACTERS} characters)`);
  });
});

describe('report.md least / most realistic dialogues', () => {
  it('lists them in the comparison section beside their paired real dialogue, escaped', () => {
    const { sets, dialogueScores } = scoredPairs();
    const report = fixtureReport();
    report.comparisons = [{ real: 'real', simulated: 'sim', paired: true, pairs: 25 }];
    report.dialogueScores = dialogueScores;
    report.realismExtremes = selectRealismExtremes({ dialogueScores, sets, comparisons: report.comparisons });
    const markdown = renderMarkdownReport(report);
    expect(markdown).toContain('### Least and most realistic simulated dialogues');
    expect(markdown).toMatch(/\| least realistic \| 1 \| sim-0 \| travel \| 0\.000 \| [^|]* \| real-0 \| /);
    expect(markdown.match(/^\| least realistic \|/gm)?.length).toBe(10);
    expect(markdown.match(/^\| most realistic \|/gm)?.length).toBe(10);
    expect(markdown).not.toMatch(/<script/i);
  });
});

describe('realsim scores', () => {
  const rows: DialogueScoreRow[] = [
    { real: 'real', simulated: HOSTILE_IMAGE, set: HOSTILE_IMAGE, kind: 'simulated', dialogueId: 'a,"b"', scenarioId: null, domain: 'mail\nbox', realism: 0.25, pairedDialogueId: 'r1' },
  ];

  it('quotes CSV fields per RFC 4180 and writes one JSON object a line', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(null)).toBe('');
    expect(formatDialogueScores(rows, 'csv')).toBe(
      'real,simulated,set,kind,dialogueId,scenarioId,domain,realism,pairedDialogueId\n' + `real,${HOSTILE_IMAGE},${HOSTILE_IMAGE},simulated,"a,""b""",,"mail\nbox",0.25,r1\n`,
    );
    const lines = formatDialogueScores(rows, 'jsonl').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual(rows[0]);
  });

  it('prints a report\'s dialogueScores, and refuses a report without them or an unknown format', () => {
    const folder = mkdtempSync(join(tmpdir(), 'realsim-scores-'));
    const withScores = join(folder, 'with.json');
    const without = join(folder, 'without.json');
    writeFileSync(withScores, JSON.stringify({ ...fixtureReport(), schemaVersion: '1.3.0', dialogueScores: rows }));
    writeFileSync(without, JSON.stringify(fixtureReport()));
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      scoresCommand(withScores, { format: 'jsonl' });
    } finally {
      process.stdout.write = original;
    }
    expect(JSON.parse(written.join('').trim())).toEqual(rows[0]);
    expect(() => scoresCommand(without, { format: 'csv' })).toThrow(`${without}: expected "dialogueScores" (written by realsim from report schema 1.3 on), found a report of schema "1.0.0" without them`);
    expect(() => scoresCommand(withScores, { format: 'xml' })).toThrow('--format: expected one of "csv", "jsonl", found "xml"');
  });
});
