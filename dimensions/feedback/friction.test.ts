import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { dialogueFromUserTexts } from '../../test/helpers/test-dialogue.js';
import { dimension } from './index.js';

/**
 * Friction in simulated text (issue: a simulator told to be impatient or skeptical showed no
 * explicit_negative at all). Our own fixtures, written for this test: impatient, skeptical and confused
 * user turns, each after a first request, each answered by the same helpful chatbot turn.
 */
const FRICTION_TURNS = [
  'hurry up',
  "just do it already, I don't have all day",
  'can you get to the point',
  'why is this taking so long, just give me the answer',
  'are you sure about that?',
  "that doesn't sound right",
  "I doubt that's true, check again",
  'hmm, that seems off to me',
  "I don't get it",
  "what? I'm confused",
  'that makes no sense to me, explain it simply',
];
const FRICTION_TAGS = ['explicit_negative', 'clarification_request'];

async function tagsOf(backend: string): Promise<string[][]> {
  const dialogue = dialogueFromUserTexts('friction', ['help me plan a trip to rome', ...FRICTION_TURNS], 'Sure, here is a detailed answer to your question. Let me know if you need anything else.');
  const annotator = await dimension.createAnnotator(backend, {});
  const [annotation] = await annotator.annotate([dialogue], { cache: createMemoryCache(), progress: silentProgress, options: {} });
  return (annotation?.userTurns ?? []).slice(1).map((turn) => turn.feedback as string[]);
}

describe('feedback sees friction (impatient, skeptical, confused users)', () => {
  it('the trained backend tags 9 of 11 friction turns explicit_negative or clarification_request; the rules 3', async () => {
    const withFriction = (tags: string[][]) => tags.filter((turn) => turn.some((tag) => FRICTION_TAGS.includes(tag))).length;
    const trained = await tagsOf('trained');
    expect(withFriction(trained)).toBe(9);
    // every skeptical and confused turn is seen; impatience is seen when it says so ("just do it already")
    expect(trained.slice(4).every((turn) => turn.some((tag) => FRICTION_TAGS.includes(tag)))).toBe(true);
    expect(trained[1]).toContain('explicit_negative');
    expect(withFriction(await tagsOf('rules'))).toBe(3);
  });
});
