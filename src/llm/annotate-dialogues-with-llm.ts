import { contentKey } from '../annotate/annotation-cache.js';
import { runEachWithConcurrency } from './run-each-with-concurrency.js';
import type { Dialogue } from '../core/dialogue.js';
import type { AnnotationContext, DialogueAnnotation } from '../core/dimension.js';
import { RealsimError } from '../core/realsim-error.js';
import { readItemUsage, type ItemUsage } from './annotation-usage-ledger.js';
import { InvalidLlmAnswerError } from './invalid-llm-answer-error.js';
import { createLlmClient, type ChatMessage, type LlmClient } from './llm-client.js';
import { llmRunState } from './llm-run-state.js';
import type { LlmSettings } from './llm-settings.js';
import { truncateForPrompt } from './truncate-for-prompt.js';

/** One user turn as a prompt shows it: 1-based number, text cut by truncateForPrompt, assistant context. */
export interface PromptTurn {
  turn: number;
  /** The full user text (quotes are verified against it). */
  fullText: string;
  text: string;
  /** The assistant turn just before, truncated; '' for none. */
  previousAssistantText: string;
}

/**
 * What one dimension tells the shared LLM runner. The model answers {"turns": [{"turn": n, …}]} for the
 * user turns of one chunk; validateTurn checks one entry's fields (throwing InvalidLlmAnswerError, which
 * makes the client retry) and returns what is cached for that turn; buildAnnotation turns the cached
 * per-turn results into the same DialogueAnnotation the dimension's rule backend produces.
 */
export interface LlmDimensionTask<TurnResult> {
  dimension: string;
  /** Bump when the prompt format or the meaning of cached results changes. */
  version: number;
  systemPrompt: string;
  schemaName: string;
  /** Schema of the whole answer (strict subset). */
  schema: Record<string, unknown>;
  /** Whether the previous assistant turn is shown as context. */
  showsAssistantTurns: boolean;
  /** `attempt.last`: no retry is left (a task may then accept an answer that is usable in part). */
  validateTurn(raw: Record<string, unknown>, turn: PromptTurn, where: string, attempt: { number: number; last: boolean }): TurnResult;
  buildAnnotation(dialogue: Dialogue, turns: TurnResult[]): DialogueAnnotation;
}

/** Cache namespace: dimension, backend version, model and a hash of the prompt and schema. */
export function llmCacheNamespace(task: LlmDimensionTask<unknown>, settings: LlmSettings): string {
  return `${task.dimension}-llm@${task.version}:${settings.model}:${llmPromptHash(task)}`;
}

export function llmPromptHash(task: LlmDimensionTask<unknown>): string {
  return contentKey(task.version, task.systemPrompt, JSON.stringify(task.schema)).slice(0, 12);
}

/** The backend description written into every report row: names model and prompt, never host or key. */
export function llmBackendDescription(task: LlmDimensionTask<unknown>, settings: LlmSettings): string {
  return `${task.dimension}-llm@${task.version} (${settings.model}, prompt ${llmPromptHash(task)}, openai-compatible chat completions)`;
}

/** The user turns of a dialogue with their preceding assistant turn, truncated for a prompt. */
export function promptTurns(dialogue: Dialogue, settings: LlmSettings): PromptTurn[] {
  const result: PromptTurn[] = [];
  let previousAssistantText = '';
  for (const turn of dialogue.turns) {
    if (turn.role === 'assistant') previousAssistantText = turn.text;
    else {
      result.push({
        turn: result.length + 1,
        fullText: turn.text,
        text: truncateForPrompt(turn.text, settings.userTurnCharacters),
        previousAssistantText: truncateForPrompt(previousAssistantText, settings.assistantTurnCharacters),
      });
      previousAssistantText = '';
    }
  }
  return result;
}

/** Splits turns into requests of at most `size` user turns each. */
export function chunkTurns(turns: PromptTurn[], size: number): PromptTurn[][] {
  const chunks: PromptTurn[][] = [];
  for (let start = 0; start < turns.length; start += size) chunks.push(turns.slice(start, start + size));
  return chunks;
}

/** The user message of one request: turns in order, each text between <<< and >>> lines. */
export function renderChunk(chunk: PromptTurn[], totalTurns: number, showsAssistantTurns: boolean): string {
  const first = chunk[0]?.turn ?? 1;
  const last = chunk[chunk.length - 1]?.turn ?? first;
  const lines = [`User turns ${first} to ${last} of a dialogue with ${totalTurns} user turns.`, ''];
  for (const turn of chunk) {
    if (showsAssistantTurns) {
      lines.push(`Chatbot turn before user turn ${turn.turn}:`, '<<<', turn.previousAssistantText === '' ? '(none)' : turn.previousAssistantText, '>>>');
    }
    lines.push(`User turn ${turn.turn}:`, '<<<', turn.text, '>>>', '');
  }
  lines.push(`Answer with one JSON object: {"turns": [...]} holding exactly one entry for each of user turns ${first} to ${last}.`);
  return lines.join('\n');
}

/** Checks the answer's turn list covers exactly the chunk's turns, each once, and validates each entry. */
export function validateChunkAnswer<TurnResult>(
  task: LlmDimensionTask<TurnResult>,
  value: Record<string, unknown>,
  chunk: PromptTurn[],
  where: string,
  attempt: { number: number; last: boolean } = { number: 1, last: true },
): TurnResult[] {
  const entries = value.turns;
  if (!Array.isArray(entries)) throw new InvalidLlmAnswerError(`${where}: expected "turns" to be a list, found ${JSON.stringify(entries)?.slice(0, 40)}`);
  const byNumber = new Map<number, Record<string, unknown>>();
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new InvalidLlmAnswerError(`${where}: expected each turn entry to be an object, found ${JSON.stringify(entry)?.slice(0, 40)}`);
    const record = entry as Record<string, unknown>;
    const number = record.turn;
    if (typeof number !== 'number' || !Number.isInteger(number)) throw new InvalidLlmAnswerError(`${where}: expected an integer "turn", found ${JSON.stringify(number)}`);
    if (byNumber.has(number)) throw new InvalidLlmAnswerError(`${where}: expected turn ${number} once, found it twice`);
    byNumber.set(number, record);
  }
  const expected = chunk.map((turn) => turn.turn);
  const extra = [...byNumber.keys()].filter((number) => !expected.includes(number));
  if (extra.length > 0) throw new InvalidLlmAnswerError(`${where}: expected turns ${expected.join(', ')}, found also ${extra.join(', ')}`);
  return chunk.map((turn) => {
    const record = byNumber.get(turn.turn);
    if (!record) throw new InvalidLlmAnswerError(`${where}: expected an entry for user turn ${turn.turn}, found none`);
    return task.validateTurn(record, turn, `${where} turn ${turn.turn}`, attempt);
  });
}

interface PlannedDialogue {
  key: string;
  chunks: Array<{ turns: PromptTurn[]; messages: ChatMessage[] }>;
}

function planDialogue(task: LlmDimensionTask<unknown>, dialogue: Dialogue, settings: LlmSettings): PlannedDialogue {
  const turns = promptTurns(dialogue, settings);
  const chunks = chunkTurns(turns, settings.turnsPerRequest).map((chunkTurnList) => ({
    turns: chunkTurnList,
    messages: [
      { role: 'system' as const, content: task.systemPrompt },
      { role: 'user' as const, content: renderChunk(chunkTurnList, turns.length, task.showsAssistantTurns) },
    ],
  }));
  // the key is the text the model sees (after truncation) plus the full user text quotes are checked against
  const key = contentKey(...chunks.map((chunk) => chunk.messages[1]?.content ?? ''), ...(task.showsAssistantTurns ? [] : ['user-only']), ...turns.map((turn) => turn.fullText));
  return { key, chunks };
}

export interface LlmAnnotationOptions {
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
  sleep?: (milliseconds: number) => Promise<void>;
}

/**
 * Annotates dialogues with one dimension's LLM task: each dialogue's result is looked up in
 * context.cache first (key = content of what the model would see); the misses are sent, one request per
 * chunk of user turns, at most settings.concurrency at once; each dialogue is written to the cache as soon
 * as all its chunks have valid answers, so a killed run loses only what was in flight. Identical dialogues
 * are sent once. Errors are never cached; the first failure stops new requests and is thrown after the
 * ones in flight settle. The output order is the input order whatever the timing.
 */
export async function annotateDialoguesWithLlm<TurnResult>(
  task: LlmDimensionTask<TurnResult>,
  settings: LlmSettings,
  dialogues: Dialogue[],
  context: AnnotationContext,
  options: LlmAnnotationOptions = {},
): Promise<DialogueAnnotation[]> {
  const namespace = llmCacheNamespace(task as LlmDimensionTask<unknown>, settings);
  const progress = context.progress.start(`${task.dimension} (llm ${settings.model})`, dialogues.length);
  const plans = dialogues.map((dialogue) => planDialogue(task as LlmDimensionTask<unknown>, dialogue, settings));
  const results = new Map<string, TurnResult[]>();
  // usage of the accepted answers behind each result, cached with it: report.json sums it per dimension
  const usageByKey = new Map<string, ItemUsage | undefined>();
  const missing: PlannedDialogue[] = [];
  const missingKeys = new Set<string>();
  let cacheHits = 0;
  for (const plan of plans) {
    if (results.has(plan.key) || missingKeys.has(plan.key)) continue;
    const cached = context.cache.get(namespace, plan.key) as { turns: TurnResult[]; usage?: unknown } | undefined;
    if (cached && Array.isArray(cached.turns)) {
      results.set(plan.key, cached.turns);
      usageByKey.set(plan.key, readItemUsage(cached.usage));
      cacheHits += 1;
    } else {
      missing.push(plan);
      missingKeys.add(plan.key);
    }
  }
  progress.tick(plans.filter((plan) => results.has(plan.key)).length);

  if (missing.length > 0) {
    const runState = llmRunState(context.options);
    const client: LlmClient = createLlmClient(settings, {
      dimension: task.dimension,
      runState,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    try {
      await runEachWithConcurrency(missing, settings.concurrency, async (plan, index, failed) => {
        const turns: TurnResult[] = [];
        const usage: ItemUsage = { requests: 0, promptTokens: 0, completionTokens: 0 };
        for (const [chunkIndex, chunk] of plan.chunks.entries()) {
          if (failed()) return;
          const where = `${task.dimension} item ${index + 1} of ${missing.length}${plan.chunks.length > 1 ? ` (part ${chunkIndex + 1} of ${plan.chunks.length})` : ''}`;
          const answer = await client.completeJson({
            where,
            messages: chunk.messages,
            schemaName: task.schemaName,
            schema: task.schema,
            validate: (value, attempt) => validateChunkAnswer(task, value, chunk.turns, where, attempt),
          });
          turns.push(...answer.value);
          usage.requests += 1;
          usage.promptTokens += answer.usage.promptTokens;
          usage.completionTokens += answer.usage.completionTokens;
        }
        results.set(plan.key, turns);
        usageByKey.set(plan.key, usage);
        // one whole line per dialogue, written as soon as it is complete: a kill loses only what is in flight
        context.cache.setMany(namespace, [[plan.key, { turns, usage }]]);
        progress.tick(plans.filter((other) => other.key === plan.key).length);
      });
    } catch (error) {
      progress.done();
      throw error;
    }
  }
  progress.done();
  const runState = llmRunState(context.options);
  for (const [key, usage] of usageByKey) runState.annotationUsage.record(task.dimension, settings.model, key, usage);
  const usage = runState.usage.byDimension()[task.dimension];
  context.progress.note(
    `${task.dimension} llm (${settings.model}): ${cacheHits} dialogues from cache, ${missing.length} sent` +
      (usage ? `; ${usage.requests} requests, ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens this run` : ''),
  );
  return dialogues.map((dialogue, index) => {
    const turns = results.get(plans[index]?.key ?? '');
    if (!turns) throw new RealsimError('INTERNAL', `${task.dimension} llm: expected a result for dialogue ${JSON.stringify(dialogue.id)}, found none`);
    return task.buildAnnotation(dialogue, turns);
  });
}
