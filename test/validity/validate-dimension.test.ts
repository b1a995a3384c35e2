import { describe, expect, it } from 'vitest';
import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation } from '../../src/core/dimension.js';
import type { LabelRecord, LabelTurn } from '../../src/measure/annotator-validity/read-reference-labels.js';
import { validateDimension, validationSummary } from '../../src/measure/annotator-validity/validate-dimension.js';
import {
  REFERENCE_FEEDBACK_TAGS,
  REFERENCE_IDENTITY_TAGS,
  REFERENCE_INTENT_TAGS,
} from '../../src/measure/annotator-validity/reference-label-tags.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dialogueFromUserTexts } from '../helpers/test-dialogue.js';

const dialogue = (id: string, userTexts: string[]) => dialogueFromUserTexts(id, userTexts);

function labelTurn(turn: number, identity: string[], emotion = 'neutral'): LabelTurn {
  return { turn, intent: [], feedback: ['no_feedback'], identity, identityQuotes: [], emotion };
}

describe('validateDimension', () => {
  const dialogues = [dialogue('d1', ['hi', 'i am 30', 'bye']), dialogue('d2', ['x']), dialogue('d3', ['y'])];
  const labels: LabelRecord[] = [
    { conversationId: 'd1', domain: 'test', turns: [labelTurn(1, []), labelTurn(2, ['demographic']), labelTurn(3, [], 'joy'), labelTurn(4, [])], origin: { file: 'f', line: 1 } },
    { conversationId: 'missing', domain: 'test', turns: [labelTurn(1, [])], origin: { file: 'f', line: 2 } },
    { conversationId: 'd2', domain: 'test', turns: [labelTurn(1, ['past'])], origin: { file: 'f', line: 3 } },
    { conversationId: 'd3', domain: 'test', turns: [labelTurn(1, [])], origin: { file: 'f', line: 4 } },
  ];
  const annotations: DialogueAnnotation[] = [
    {
      dialogueId: 'd1',
      numeric: {},
      categorical: {},
      userTurns: [
        { turn: 1, identity: ['future'], emotion: 'neutral' },
        { turn: 2, identity: ['demographic'], emotion: 'neutral' },
        { turn: 3, identity: [], emotion: ['joy', 'neutral'] },
      ],
    },
    { dialogueId: 'd2', numeric: {}, categorical: {}, userTurns: [{ turn: 1 }] },
  ];

  it('matches by conversation id and 1-based user turn, reporting what did not match', () => {
    const validation = validateDimension({ dialogues, labels, dimension: 'identity', annotations });
    expect(validation.matchedTurns).toBe(3);
    expect(validation.matchedDialogues).toBe(1);
    expect(validation.unmatched.labelDialoguesWithoutDialogue).toEqual(['missing']);
    expect(validation.unmatched.labelDialoguesWithoutAnnotation).toEqual(['d3']);
    expect(validation.unmatched.turns).toEqual([
      { conversationId: 'd1', turn: 4, reason: 'the dialogue has 3 user turns' },
      { conversationId: 'd2', turn: 1, reason: 'the annotation has no "identity" tags for this turn' },
    ]);
  });

  it('scores identity with any-disclosure F1 and the majority baseline', () => {
    // matched turns: ([] vs [future]), ([demographic] vs [demographic]), ([] vs [])
    // any-disclosure: tp 1, fp 1, fn 0 → P 0.5, R 1, F1 = 2/3
    // demographic: tp 1 → F1 1; future: fp 1 → F1 0 → macro 0.5; micro tp 1 fp 1 fn 0 → 2/3
    // majority gold set is [] (2 of 3) → baseline predicts nothing → any-disclosure F1 0
    const validation = validateDimension({ dialogues, labels, dimension: 'identity', annotations });
    expect(validation.anyDisclosure!.annotator.f1).toBeCloseTo(2 / 3, 10);
    expect(validation.anyDisclosure!.majorityBaseline.f1).toBe(0);
    expect(validation.score.macroF1).toBeCloseTo(0.5, 10);
    expect(validation.score.microF1).toBeCloseTo(2 / 3, 10);
    expect(validation.majorityBaseline.tagSet).toEqual([]);
    const summary = validationSummary(validation);
    expect(summary.anyDisclosureF1).toBeCloseTo(2 / 3, 10);
    expect(Object.keys(summary.perTag as object)).toEqual([...REFERENCE_IDENTITY_TAGS]);
  });

  it('reads emotion predictions given as one string or per-sentence lists', () => {
    // gold neutral, neutral, joy; predicted [neutral], [neutral], [joy, neutral]
    // labels all-neutral 2/3; predictions all-neutral 2/3 (the third has joy)
    const validation = validateDimension({ dialogues, labels, dimension: 'emotion', annotations });
    expect(validation.neutralRate).toEqual({ labels: 2 / 3, predicted: 2 / 3, items: 3 });
    expect(validation.score.perTag.joy!.f1).toBe(1);
  });

  it('rejects an unknown dimension with the valid choices', () => {
    expect(() => validateDimension({ dialogues, labels, dimension: 'tone' as 'intent', annotations })).toThrow(
      '--dimension: expected one of "intent", "feedback", "identity", "emotion", found "tone"',
    );
  });
});

// The tag lists are the dimensions' own (one definition each); this checks them against the labelling guide.
const guide = join(process.env.REALSIM_SHARED_DATASETS ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'datasets'), 'reference-labels', 'GUIDE.md');
describe.skipIf(!existsSync(guide))('tag vocabularies (needs ../shared/datasets/reference-labels/GUIDE.md)', () => {
  it('are the tags the labelling guide defines (9 intent, 7 feedback, 7 identity)', () => {
    const text = readFileSync(guide, 'utf8');
    for (const tag of [...REFERENCE_INTENT_TAGS, ...REFERENCE_FEEDBACK_TAGS, ...REFERENCE_IDENTITY_TAGS]) expect(text).toContain(tag);
    expect(REFERENCE_INTENT_TAGS).toHaveLength(9);
    expect(REFERENCE_FEEDBACK_TAGS).toHaveLength(7);
    expect(REFERENCE_IDENTITY_TAGS).toHaveLength(7);
  });
});
