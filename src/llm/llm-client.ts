import OpenAI from 'openai';
import { RealsimError } from '../core/realsim-error.js';
import { createConcurrencyLimiter } from './concurrency-limiter.js';
import { InvalidLlmAnswerError } from './invalid-llm-answer-error.js';
import { createLlmRunState, type LlmRunState } from './llm-run-state.js';
import { DEFAULT_LLM_BASE_URL, redactUrlCredentials, type LlmSettings, type StructuredOutputMode } from './llm-settings.js';
import { parseJsonAnswer } from './parse-json-answer.js';
import { redactSecret } from './redact-secret.js';
import { parseRetryAfter, retryDelayMilliseconds } from './retry-delay.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface JsonRequest<T> {
  /** Names the item in messages, e.g. "intent dialogue real/123": never the key, never user text. */
  where: string;
  messages: ChatMessage[];
  schemaName: string;
  /** A JSON schema in the strict subset (every property required, additionalProperties false). */
  schema: Record<string, unknown>;
  /**
   * Turns the parsed object into a result or throws InvalidLlmAnswerError (the answer is then retried).
   * `attempt.last` says no retry is left, for answers that are usable in part (identity quotes).
   */
  validate: (value: Record<string, unknown>, attempt: { number: number; last: boolean }) => T;
  /** Sampling seed sent with the request (OpenAI, vLLM and Ollama honour it); omitted when undefined. */
  seed?: number | undefined;
}

export interface JsonAnswer<T> {
  value: T;
  /** Attempts it took (1 = first answer accepted). */
  attempts: number;
  usage: { promptTokens: number; completionTokens: number };
}

export interface LlmClient {
  readonly settings: LlmSettings;
  /** Sends a request (retrying faults and invalid answers) and returns the validated answer. */
  completeJson<T>(request: JsonRequest<T>): Promise<JsonAnswer<T>>;
  /** The structured-output mode in use now (json-schema falls back to none when the endpoint refuses it). */
  structuredOutputMode(): StructuredOutputMode;
}

export interface LlmClientDependencies {
  /** The usage ledger and budget of this run (see llmRunState); a fresh one by default. */
  runState?: LlmRunState;
  /** Dimension or task name for usage accounting, e.g. "intent" or "scenarios". */
  dimension: string;
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Replaces setTimeout-based waiting between attempts (tests record delays here). */
  sleep?: (milliseconds: number) => Promise<void>;
}

const defaultSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

interface AttemptFailure {
  message: string;
  retryable: boolean;
  retryAfterMilliseconds?: number;
  refusesResponseFormat?: boolean;
}

/** Sorts an error from the SDK into retryable or not, with a message that never carries the key. */
export function classifyRequestError(error: unknown, apiKey: string): AttemptFailure {
  // redact the whole text first, then shorten it: a key cut in two by the shortening would survive in part
  const clean = (text: string) => redactSecret(text, apiKey).replace(/\s+/g, ' ').slice(0, 300);
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { message: 'request timed out', retryable: true };
  if (error instanceof OpenAI.APIUserAbortError) return { message: 'request aborted', retryable: false };
  if (error instanceof OpenAI.APIConnectionError) return { message: `connection failed (${clean(String((error.cause as Error | undefined)?.message ?? error.message))})`, retryable: true };
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    const message = `http ${status} (${clean(error.message)})`;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    const refusesResponseFormat = status === 400 && /response_format|json_schema/i.test(error.message);
    const retryAfterMilliseconds = parseRetryAfter(error.headers);
    return { message, retryable, refusesResponseFormat, ...(retryAfterMilliseconds === undefined ? {} : { retryAfterMilliseconds }) };
  }
  if (error instanceof InvalidLlmAnswerError) return { message: `invalid answer: ${clean(error.message)}`, retryable: true };
  // a body that is not JSON, a connection cut mid-body: the SDK raises plain errors for these
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { message: `unreadable response (${clean(text)})`, retryable: true };
}

/** A worst-case prompt size: ⌈characters / 3⌉ + 8 per message (English averages ~4 characters a token). */
export function estimatePromptTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + Math.ceil(message.content.length / 3) + 8, 0);
}

function responseFormatFor(mode: StructuredOutputMode, schemaName: string, schema: Record<string, unknown>) {
  if (mode === 'json-schema') return { type: 'json_schema' as const, json_schema: { name: schemaName, strict: true, schema } };
  if (mode === 'json-object') return { type: 'json_object' as const };
  return undefined;
}

/**
 * One client for every LLM task, on the openai SDK (any OpenAI-compatible base URL). The SDK's own
 * retries are off: this client retries 429, 408/409, 5xx, timeouts, unreadable bodies, truncated answers
 * (finish_reason "length") and answers that fail validation, up to settings.retries more attempts, waiting
 * base × 2^(n−1) ms (no jitter) or the server's Retry-After when longer. Before every attempt the run's
 * budget is checked, so --option llm.max-requests / llm.max-tokens stop a run before it spends more.
 */
export function createLlmClient(settings: LlmSettings, dependencies: LlmClientDependencies): LlmClient {
  if (settings.apiKey === '' && settings.baseUrl === DEFAULT_LLM_BASE_URL) {
    throw new RealsimError(
      'CONFIG',
      `llm client: expected an API key in REALSIM_LLM_API_KEY or OPENAI_API_KEY for ${DEFAULT_LLM_BASE_URL}, found neither (local endpoints: set --option llm.base-url=http://127.0.0.1:11434/v1)`,
    );
  }
  const runState = dependencies.runState ?? createLlmRunState();
  const budget = runState.budget({ maximumRequests: settings.maximumRequests, maximumTokens: settings.maximumTokens });
  const limiter = createConcurrencyLimiter(settings.concurrency);
  const sleep = dependencies.sleep ?? defaultSleep;
  const sdk = new OpenAI({
    // local servers (Ollama, llama.cpp, vLLM) ignore the key; the SDK insists on one
    apiKey: settings.apiKey === '' ? 'not-needed' : settings.apiKey,
    baseURL: settings.baseUrl,
    timeout: settings.timeoutMilliseconds,
    maxRetries: 0,
    ...(dependencies.fetch ? { fetch: dependencies.fetch } : {}),
  });
  let mode: StructuredOutputMode = settings.structuredOutput;

  async function attempt<T>(request: JsonRequest<T>, where: string, attemptInfo: { number: number; last: boolean }): Promise<{ value: T; usage: { promptTokens: number; completionTokens: number } }> {
    const worstCase = estimatePromptTokens(request.messages) + settings.completionTokenLimit;
    const reservation = budget.reserve(worstCase, where);
    let used = 0;
    let recorded = false;
    try {
      const responseFormat = responseFormatFor(mode, request.schemaName, request.schema);
      const completion = await limiter.run(() =>
        sdk.chat.completions.create({
          model: settings.model,
          messages: request.messages,
          temperature: settings.temperature,
          max_tokens: settings.completionTokenLimit,
          ...(responseFormat ? { response_format: responseFormat } : {}),
          ...(request.seed === undefined ? {} : { seed: request.seed }),
        }),
      );
      const usage = {
        promptTokens: completion.usage?.prompt_tokens ?? 0,
        completionTokens: completion.usage?.completion_tokens ?? 0,
      };
      used = completion.usage ? usage.promptTokens + usage.completionTokens : worstCase;
      runState.usage.recordRequest(dependencies.dimension, usage);
      recorded = true;
      const choice = completion.choices?.[0];
      if (!choice) throw new InvalidLlmAnswerError('expected one choice, found none');
      if (choice.finish_reason === 'length') {
        throw new InvalidLlmAnswerError(`expected a complete answer, found one cut at the completion limit of ${settings.completionTokenLimit} tokens (finish_reason "length")`);
      }
      const content = choice.message?.content;
      if (typeof content !== 'string' || content.trim() === '') throw new InvalidLlmAnswerError('expected answer text, found none');
      const value = request.validate(parseJsonAnswer(content), attemptInfo);
      runState.usage.recordAccepted(dependencies.dimension, usage);
      return { value, usage };
    } finally {
      // a request that got no readable response still counts as sent
      if (!recorded) runState.usage.recordRequest(dependencies.dimension, undefined);
      budget.settle(reservation, used);
    }
  }

  return {
    settings,
    structuredOutputMode: () => mode,
    async completeJson<T>(request: JsonRequest<T>): Promise<JsonAnswer<T>> {
      const where = `llm ${request.where}`;
      let lastFailure: AttemptFailure | undefined;
      const attempts = settings.retries + 1;
      for (let number = 1; number <= attempts; number += 1) {
        if (number > 1 && lastFailure) {
          await sleep(
            retryDelayMilliseconds({
              attempt: number - 1,
              baseMilliseconds: settings.backoffBaseMilliseconds,
              maximumMilliseconds: settings.backoffMaximumMilliseconds,
              retryAfterMilliseconds: lastFailure.retryAfterMilliseconds,
              retryAfterMaximumMilliseconds: settings.retryAfterMaximumMilliseconds,
            }),
          );
        }
        try {
          const answer = await attempt(request, where, { number, last: number === attempts });
          return { ...answer, attempts: number };
        } catch (error) {
          if (error instanceof RealsimError) throw error; // budget: stop at once
          lastFailure = classifyRequestError(error, settings.apiKey);
          if (lastFailure.refusesResponseFormat && mode !== 'none') {
            // the endpoint does not take response_format: fall back to the tolerant parser for the rest of the run
            mode = 'none';
            lastFailure = { ...lastFailure, retryable: true };
          }
          if (!lastFailure.retryable) break;
        }
      }
      throw new RealsimError(
        'LLM_REQUEST_FAILED',
        redactSecret(
          `${where}: expected a valid answer from ${settings.model} at ${redactUrlCredentials(settings.baseUrl)} within ${attempts} attempts, found ${lastFailure?.message ?? 'no answer'}`,
          settings.apiKey,
        ),
      );
    },
  };
}
