import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation, DimensionAnnotator } from '../../src/core/dimension.js';
import { annotateDialoguesWithLlm, llmBackendDescription, type LlmAnnotationOptions, type LlmDimensionTask } from '../../src/llm/annotate-dialogues-with-llm.js';
import { InvalidLlmAnswerError } from '../../src/llm/invalid-llm-answer-error.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { MAXIMUM_KNOWN_TOPICS_PER_TURN, MAXIMUM_UNKNOWN_TOPICS_PER_TURN } from './extract-knowledge-statements.js';
import { KNOWLEDGE_ANSWER_SCHEMA, KNOWLEDGE_SYSTEM_PROMPT } from './prompt.js';
import type { SentenceEncoder } from './sentence-encoder.js';
import { embedWithCache } from './vector-cache.js';

/** One statement as validated: canonical text and the topic phrase that is embedded. */
export interface ParsedKnowledgeStatement {
  polarity: 'known' | 'unknown';
  /** "the user knows about …", "the user does not know how to …" (lower-case prefix, one space, no final period). */
  statement: string;
  /** What follows "knows (about|that)" or "does not know (about|that)"; "how to …", "what …" keep their word. */
  topic: string;
}

/** What is cached per user turn: canonical statements, "knows" first, each list in the model's order. */
export interface KnowledgeTurnResult {
  known: string[];
  unknown: string[];
}

/** Longest statement accepted, in characters: anything longer is not a statement but a paragraph. */
export const MAXIMUM_STATEMENT_CHARACTERS = 300;

const CONNECTOR_WORDS = new Set(['about', 'that', 'how', 'what', 'why', 'where', 'when', 'which', 'who', 'whether', 'if']);

const STATEMENT_PATTERN =
  /^(?:the\s+)?user\s+(knows|does\s+not\s+know|doesn['’]t\s+know|does\s+n['’]t\s+know)(?:\s+(about|that|how|what|why|where|when|which|who|whether|if))?\s+(.+)$/i;

/**
 * Reads one statement a model wrote. Accepted: "[the] user knows [about|that|how|what|…] X" and "[the] user
 * does not know / doesn't know [about|that|how|…] X", any case, a final period dropped; a statement without
 * a connector word ("the user knows python") reads as "about". Anything else is an invalid answer (retried).
 */
export function parseKnowledgeStatement(raw: unknown, where: string): ParsedKnowledgeStatement {
  if (typeof raw !== 'string') throw new InvalidLlmAnswerError(`${where}: expected a statement string, found ${JSON.stringify(raw)}`);
  const text = raw.replace(/\s+/g, ' ').trim().replace(/^["'“”]+|["'“”]+$/g, '').replace(/[.;]+$/, '').trim();
  if (text.length > MAXIMUM_STATEMENT_CHARACTERS) {
    throw new InvalidLlmAnswerError(`${where}: expected a statement of at most ${MAXIMUM_STATEMENT_CHARACTERS} characters, found ${text.length}`);
  }
  const match = STATEMENT_PATTERN.exec(text);
  const rest = match?.[3]?.trim() ?? '';
  if (!match || rest.length < 2 || CONNECTOR_WORDS.has(rest.toLowerCase())) {
    throw new InvalidLlmAnswerError(
      `${where}: expected "the user knows about|that|how …" or "the user does not know about|that|how …", found ${JSON.stringify(text.slice(0, 60))}`,
    );
  }
  const polarity = (match[1] ?? '').toLowerCase() === 'knows' ? 'known' : 'unknown';
  const connector = (match[2] ?? 'about').toLowerCase();
  const topic = connector === 'about' || connector === 'that' ? rest : `${connector} ${rest}`;
  return { polarity, statement: `the user ${polarity === 'known' ? 'knows' : 'does not know'} ${connector} ${rest}`, topic };
}

/** The embedded phrase of a canonical statement (same rule as parseKnowledgeStatement). */
export function statementTopic(statement: string): string {
  return parseKnowledgeStatement(statement, 'cached knowledge statement').topic;
}

export const KNOWLEDGE_LLM_TASK: LlmDimensionTask<KnowledgeTurnResult> = {
  dimension: 'knowledge',
  version: 1,
  systemPrompt: KNOWLEDGE_SYSTEM_PROMPT,
  schemaName: 'knowledge_annotation',
  schema: KNOWLEDGE_ANSWER_SCHEMA,
  showsAssistantTurns: true,
  validateTurn(raw, _turn, where) {
    if (!Array.isArray(raw.statements)) throw new InvalidLlmAnswerError(`${where}: expected "statements" to be a list, found ${JSON.stringify(raw.statements)}`);
    const known: string[] = [];
    const unknown: string[] = [];
    raw.statements.forEach((entry: unknown, index: number) => {
      const parsed = parseKnowledgeStatement(entry, `${where} statement ${index + 1}`);
      const list = parsed.polarity === 'known' ? known : unknown;
      if (!list.includes(parsed.statement)) list.push(parsed.statement);
    });
    // the same caps as the offline extractor: a model listing twenty statements for one turn is cut, not retried
    return { known: known.slice(0, MAXIMUM_KNOWN_TOPICS_PER_TURN), unknown: unknown.slice(0, MAXIMUM_UNKNOWN_TOPICS_PER_TURN) };
  },
  buildAnnotation(dialogue: Dialogue, turns): DialogueAnnotation {
    // vectors are added afterwards (embedding is asynchronous); see createKnowledgeLlmAnnotator
    return {
      dialogueId: dialogue.id,
      numeric: {
        known_statements: turns.reduce((sum, turn) => sum + turn.known.length, 0),
        unknown_statements: turns.reduce((sum, turn) => sum + turn.unknown.length, 0),
      },
      categorical: {},
      embeddings: { statements: [] },
      userTurns: turns.map((turn, index) => ({ userTurn: index + 1, statements: [...turn.known, ...turn.unknown] })),
    };
  },
};

/**
 * The knowledge llm backend: statements per user turn from the model, then each statement's topic phrase
 * embedded by `encoder` through the same vector cache as the offline backend (namespace
 * knowledge:vectors:<encoder name>), one vector per statement in turn order, "knows" before "does not know".
 */
export function createKnowledgeLlmAnnotator(options: Record<string, string>, encoder: SentenceEncoder, llmOptions: LlmAnnotationOptions = {}): DimensionAnnotator {
  const settings = resolveLlmSettings(options, 'knowledge');
  return {
    backend: `${llmBackendDescription(KNOWLEDGE_LLM_TASK, settings)} + ${encoder.name}`,
    async annotate(dialogues, context) {
      const annotations = await annotateDialoguesWithLlm(KNOWLEDGE_LLM_TASK, settings, dialogues, context, llmOptions);
      const statementsOf = (annotation: DialogueAnnotation) =>
        (annotation.userTurns ?? []).flatMap((turn) => (Array.isArray(turn.statements) ? (turn.statements as string[]) : []));
      const topics = annotations.flatMap((annotation) => statementsOf(annotation).map(statementTopic));
      const vectors = await embedWithCache(topics, encoder, context.cache, `knowledge:vectors:${encoder.name}`, context.progress);
      return annotations.map((annotation) => ({
        ...annotation,
        embeddings: {
          statements: statementsOf(annotation).flatMap((statement) => {
            const vector = vectors.get(statementTopic(statement));
            return vector ? [vector] : [];
          }),
        },
      }));
    },
    async dispose() {
      await encoder.dispose();
    },
  };
}
