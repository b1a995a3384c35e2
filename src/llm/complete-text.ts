import { InvalidLlmAnswerError } from './invalid-llm-answer-error.js';
import { createLlmClient, type ChatMessage, type LlmClientDependencies } from './llm-client.js';
import type { LlmSettings } from './llm-settings.js';
import { redactSecret } from './redact-secret.js';

export interface TextRequest {
  /** Names the item in error messages, e.g. "simulate user branding_0 turn 3": never the key. */
  where: string;
  messages: ChatMessage[];
  /** Sampling seed sent with the request; a resample sends the same messages with another seed. */
  seed?: number | undefined;
}

export interface TextAnswer {
  /** The answer text as the model wrote it (not trimmed). */
  text: string;
  /** Attempts it took (1 = first answer accepted). */
  attempts: number;
  /** Tokens of the accepted attempt (failed attempts are in the run's usage ledger, not here). */
  usage: { promptTokens: number; completionTokens: number };
}

export interface TextCompleter {
  readonly settings: LlmSettings;
  /** Sends a request (retrying 429/5xx/timeouts/unreadable or empty answers) and returns its text. */
  completeText(request: TextRequest): Promise<TextAnswer>;
}

const TEXT_FIELD = 'realsim_text';

/**
 * Plain-text completions over the shared LLM client, so retries, backoff, Retry-After, timeouts, the
 * concurrency limit, the run budget (llm.max-requests / llm.max-tokens) and the usage ledger are the
 * client's own, not a copy. The client reads every answer as JSON; this completer sends no
 * response_format (structured output "none") and wraps each successful answer's text, on the way in,
 * into `{"realsim_text": "<text>"}` through an injected fetch. Bodies that are not a readable
 * chat completion pass through untouched, so the client classifies them exactly as before. An empty
 * answer is invalid (retried); an answer cut at the completion limit is retried by the client.
 */
export function createTextCompleter(settings: LlmSettings, dependencies: LlmClientDependencies): TextCompleter {
  const textSettings: LlmSettings = Object.defineProperty({ ...settings, structuredOutput: 'none' }, 'apiKey', {
    value: settings.apiKey,
    enumerable: false,
    writable: false,
  }) as LlmSettings;
  const client = createLlmClient(textSettings, { ...dependencies, fetch: wrapTextAnswers(dependencies.fetch ?? globalThis.fetch) });
  return {
    settings: textSettings,
    async completeText(request: TextRequest): Promise<TextAnswer> {
      const answer = await client.completeJson<string>({
        where: request.where,
        messages: request.messages,
        seed: request.seed,
        schemaName: 'text',
        schema: {},
        validate: (value) => {
          const text = value[TEXT_FIELD];
          if (typeof text !== 'string') throw new InvalidLlmAnswerError('expected answer text, found none');
          if (text.trim() === '') throw new InvalidLlmAnswerError('expected answer text, found an empty message');
          return text;
        },
      });
      // an endpoint that puts the key into its answer must not get it into a simulated dialogue on disk
      return { text: redactSecret(answer.value, settings.apiKey), attempts: answer.attempts, usage: answer.usage };
    },
  };
}

/** A fetch that turns the first choice's text of a 200 chat-completion body into the JSON the client reads. */
export function wrapTextAnswers(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 200) return response;
    const body = await response.text();
    const rebuilt = (text: string) => {
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      headers.delete('content-encoding');
      return new Response(text, { status: response.status, statusText: response.statusText, headers });
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return rebuilt(body);
    }
    const message = (parsed as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0]?.message;
    if (!message || typeof message.content !== 'string') return rebuilt(body);
    message.content = JSON.stringify({ [TEXT_FIELD]: message.content });
    return rebuilt(JSON.stringify(parsed));
  };
}
