import { availableParallelism } from 'node:os';
import { contentKey } from '../../src/annotate/annotation-cache.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import type { AnnotationContext, DialogueAnnotation, DimensionAnnotator } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import {
  EXTRACTOR_VERSION,
  extractKnowledgeStatements,
  knownStatement,
  unknownStatement,
} from './extract-knowledge-statements.js';
import { packageVersion } from './package-version.js';
import type { SentenceEncoder } from './sentence-encoder.js';
import { embedWithCache } from './vector-cache.js';

export const KNOWLEDGE_BACKENDS = ['use-lite', 'minilm'] as const;
export type KnowledgeBackend = (typeof KNOWLEDGE_BACKENDS)[number];

/** Topics of one user turn, as cached (short keys keep the cache file small). */
interface TurnTopics {
  k: string[];
  u: string[];
  skipped?: string;
}

export function extractorName(): string {
  return `wink-nlp statements ${EXTRACTOR_VERSION} (wink-nlp ${packageVersion('wink-nlp')}, wink-eng-lite-web-model ${packageVersion('wink-eng-lite-web-model')})`;
}

/** Reads a whole-number option such as knowledge.workers, with its allowed range. */
export function integerOption(options: Record<string, string>, name: string, fallback: number, minimum: number, maximum: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    throw new RealsimError('CONFIG', `--option ${name}: expected a whole number from ${minimum} to ${maximum}, found ${quoteForMessage(raw)}`);
  }
  return value;
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

function userTexts(dialogue: Dialogue): string[] {
  return dialogue.turns.filter((turn) => turn.role === 'user').map((turn) => turn.text);
}

/** Topics per unique user-turn text: from the cache, or extracted (wink-nlp loads only when needed). */
function topicsForTexts(texts: string[], context: AnnotationContext): Map<string, TurnTopics> {
  const namespace = `knowledge:statements:${extractorName()}`;
  const topics = new Map<string, TurnTopics>();
  const missing: string[] = [];
  for (const text of new Set(texts)) {
    const cached = context.cache.get(namespace, contentKey(text)) as TurnTopics | undefined;
    if (cached && Array.isArray(cached.k) && Array.isArray(cached.u)) topics.set(text, cached);
    else missing.push(text);
  }
  if (missing.length === 0) return topics;
  const task = context.progress.start('knowledge: extracting statements', missing.length);
  const entries: Array<[string, unknown]> = [];
  for (const text of missing) {
    const extracted = extractKnowledgeStatements(text);
    const value: TurnTopics = {
      k: extracted.knownTopics,
      u: extracted.unknownTopics,
      ...(extracted.skippedBecause ? { skipped: extracted.skippedBecause } : {}),
    };
    topics.set(text, value);
    entries.push([contentKey(text), value]);
    task.tick();
  }
  context.cache.setMany(namespace, entries);
  task.done();
  return topics;
}

/**
 * Annotates dialogues with knowledge statements: per user turn "the user knows about X" / "the user does
 * not know about Y"; per dialogue their counts and one vector per statement (the embedding of its topic
 * phrase; the polarity is kept in the counts and in the per-turn statements).
 */
export function createKnowledgeAnnotator(encoder: SentenceEncoder): DimensionAnnotator {
  const backend = `${extractorName()} + ${encoder.name}`;
  return {
    backend,
    async annotate(dialogues, context) {
      const allTexts = dialogues.flatMap(userTexts);
      const topicsByText = topicsForTexts(allTexts, context);
      const allTopics: string[] = [];
      for (const topics of topicsByText.values()) allTopics.push(...topics.k, ...topics.u);
      const vectors = await embedWithCache(allTopics, encoder, context.cache, `knowledge:vectors:${encoder.name}`, context.progress);

      return dialogues.map((dialogue): DialogueAnnotation => {
        const statementVectors: number[][] = [];
        const userTurns: Array<Record<string, unknown>> = [];
        let known = 0;
        let unknown = 0;
        userTexts(dialogue).forEach((text, index) => {
          const topics = topicsByText.get(text) ?? { k: [], u: [] };
          for (const topic of [...topics.k, ...topics.u]) {
            const vector = vectors.get(topic);
            if (vector) statementVectors.push(vector);
          }
          known += topics.k.length;
          unknown += topics.u.length;
          userTurns.push({
            userTurn: index + 1,
            statements: [...topics.k.map(knownStatement), ...topics.u.map(unknownStatement)],
            ...(topics.skipped ? { skippedBecause: topics.skipped } : {}),
          });
        });
        return {
          dialogueId: dialogue.id,
          numeric: { known_statements: known, unknown_statements: unknown },
          categorical: {},
          embeddings: { statements: statementVectors },
          userTurns,
        };
      });
    },
    async dispose() {
      await encoder.dispose();
    },
  };
}
