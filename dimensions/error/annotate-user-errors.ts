import { contentKey, type AnnotationCache } from '../../src/annotate/annotation-cache.js';
import { userTurnTexts, type Dialogue } from '../../src/core/dialogue.js';
import type { AnnotationContext, DialogueAnnotation } from '../../src/core/dimension.js';
import { noUserMessageErrors, type GrammarChecker, type UserMessageErrors } from './harper-grammar-checker.js';

/** Results are written to the cache in batches, so an interrupted run keeps what it finished. */
const cacheWriteBatchSize = 250;

function isUserMessageErrors(value: unknown): value is UserMessageErrors {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<UserMessageErrors>;
  return (
    Number.isInteger(candidate.errors) &&
    Number.isInteger(candidate.proseWords) &&
    typeof candidate.kinds === 'object' &&
    candidate.kinds !== null
  );
}

export function dialogueErrorAnnotation(dialogueId: string, messages: UserMessageErrors[]): DialogueAnnotation {
  const errors = messages.reduce((sum, message) => sum + message.errors, 0);
  const proseWords = messages.reduce((sum, message) => sum + message.proseWords, 0);
  return {
    dialogueId,
    numeric: { errors, errors_per_100_words: proseWords > 0 ? (100 * errors) / proseWords : null },
    categorical: {},
    userTurns: messages.map((message, index) => ({
      userTurn: index + 1,
      errors: message.errors,
      proseWords: message.proseWords,
      kinds: message.kinds,
    })),
  };
}

/**
 * Lints every distinct user message once: first from context.cache (namespace `error:<backend>`, key
 * contentKey(text)), then with the checker; new results are stored back so a rerun does not start Harper's
 * linting at all.
 */
export async function annotateUserErrors(
  dialogues: Dialogue[],
  context: AnnotationContext,
  cacheNamespace: string,
  getChecker: (cache: AnnotationCache) => Promise<GrammarChecker>,
): Promise<DialogueAnnotation[]> {
  const results = new Map<string, UserMessageErrors>();
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const dialogue of dialogues) {
    for (const text of userTurnTexts(dialogue)) {
      if (seen.has(text)) continue;
      seen.add(text);
      const cached = context.cache.get(cacheNamespace, contentKey(text));
      if (isUserMessageErrors(cached)) results.set(text, cached);
      else missing.push(text);
    }
  }
  if (missing.length > 0) {
    const checker = await getChecker(context.cache);
    const task = context.progress.start('error (harper)', missing.length);
    let pending: Array<[string, unknown]> = [];
    for (const text of missing) {
      const result = await checker.check(text);
      results.set(text, result);
      pending.push([contentKey(text), result]);
      if (pending.length >= cacheWriteBatchSize) {
        context.cache.setMany(cacheNamespace, pending);
        pending = [];
      }
      task.tick();
    }
    context.cache.setMany(cacheNamespace, pending);
    task.done();
  }
  return dialogues.map((dialogue) =>
    dialogueErrorAnnotation(
      dialogue.id,
      userTurnTexts(dialogue).map((text) => results.get(text) ?? noUserMessageErrors),
    ),
  );
}
