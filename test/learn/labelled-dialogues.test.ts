import { describe, expect, it } from 'vitest';
import type { Dialogue } from '../../src/core/dialogue.js';
import { RealsimError } from '../../src/core/realsim-error.js';
import { joinLabelsToDialogues } from '../../src/learn/labelled-dialogues.js';
import { parseReferenceLabels } from '../../src/measure/annotator-validity/read-reference-labels.js';

const labelTurn = (turn: number) => ({ turn, intent: ['info_retrieval'], feedback: ['no_feedback'], identity: [], identity_quotes: [], emotion: 'neutral' });

function dialogue(id: string, texts: string[], origin: Dialogue['origin'], extra: Partial<Dialogue> = {}): Dialogue {
  return { id, source: 'real', domain: 'd', turns: texts.map((text) => ({ role: 'user' as const, text })), aside: [], origin, ...extra };
}

describe('joinLabelsToDialogues', () => {
  const dialogues = [
    dialogue('a', ['hello'], { file: '/x/real_dialogues/email.json', recordIndex: 0, format: 'realsim-json' }),
    dialogue('education/a', ['same text'], { file: '/x/real_dialogues/education.json', recordIndex: 3, format: 'realsim-json' }),
    dialogue('governance/a', ['same text'], { file: '/x/real_dialogues/governance.json', recordIndex: 3, format: 'realsim-json' }),
    dialogue('p1', ['real side'], { file: 'pairs.jsonl', format: 'mirrorbench-pairs' }, { scenarioId: 'p1' }),
    dialogue('p1', ['simulated side'], { file: 'pairs.jsonl', format: 'mirrorbench-pairs' }, { scenarioId: 'p1', source: 'gemini' }),
  ];
  const lines = [
    { source: 'realsim', file: 'email.json', index: 0, conversation_id: 'a', domain: 'email', turns: [labelTurn(1)] },
    { source: 'realsim', file: 'education.json', index: 3, conversation_id: 'a', domain: 'education', turns: [labelTurn(1)] },
    { source: 'realsim', file: 'governance.json', index: 3, conversation_id: 'a', domain: 'governance', turns: [labelTurn(1)] },
    { source: 'mirrorbench-pairs', pair_id: 'p1', side: 'real', domain: 'mirrorbench', turns: [labelTurn(1)] },
    { source: 'mirrorbench-pairs', pair_id: 'p1', side: 'simulated', domain: 'mirrorbench', turns: [labelTurn(1)] },
  ];
  const records = parseReferenceLabels(lines.map((line) => JSON.stringify(line)).join('\n'), 'train.jsonl');

  it('finds file records by file + index and pair sides by pair id + side; copies and the two sides of a pair share a group', () => {
    const joined = joinLabelsToDialogues(records, dialogues, (record) => record.domain);
    expect(joined.map((entry) => [entry.key, entry.dialogue.turns[0]?.text])).toEqual([
      ['email.json[0]', 'hello'],
      ['education.json[3]', 'same text'],
      ['governance.json[3]', 'same text'],
      ['p1:real', 'real side'],
      ['p1:simulated', 'simulated side'],
    ]);
    const groups = joined.map((entry) => entry.group);
    expect(groups[1]).toBe(groups[2]); // identical text in two files: one group
    expect(groups[3]).toBe(groups[4]); // the two sides of a pair: one group
    expect(new Set(groups).size).toBe(3);
  });

  it('refuses labels whose dialogue is missing or that label a turn the dialogue lacks, naming the line', () => {
    const missing = parseReferenceLabels(JSON.stringify({ file: 'email.json', index: 9, conversation_id: 'z', turns: [labelTurn(1)] }), 'train.jsonl');
    expect(() => joinLabelsToDialogues(missing, dialogues, () => 'd')).toThrow(new RealsimError('INPUT_INVALID_RECORD', 'train.jsonl:1: expected a dialogue for the labels of "email.json[9]" among the loaded dialogues, found none'));
    const pastEnd = parseReferenceLabels(JSON.stringify({ file: 'email.json', index: 0, conversation_id: 'a', turns: [labelTurn(2)] }), 'train.jsonl');
    expect(() => joinLabelsToDialogues(pastEnd, dialogues, () => 'd')).toThrow('train.jsonl:1: expected user turns 1–1 for "email.json[0]", found a label for turn 2');
  });

  it('reads one conversation id in several files as several records, and refuses the same file + index twice', () => {
    expect(records.filter((record) => record.conversationId === 'a')).toHaveLength(3);
    expect(() => parseReferenceLabels([lines[1], lines[1]].map((line) => JSON.stringify(line)).join('\n'), 'train.jsonl')).toThrow(
      'train.jsonl:2.file: expected each conversation once, found "education.json[3]" again (first on line 1)',
    );
  });
});
