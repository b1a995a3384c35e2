import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

/**
 * Everything the LLM client needs, resolved once from `--option llm.*` values and the environment.
 * The API key is read from the environment only (REALSIM_LLM_API_KEY, then OPENAI_API_KEY), never from
 * options, so it cannot end up in a report's options table, a cache namespace or a log line.
 */
export interface LlmSettings {
  /** OpenAI-compatible base URL ending before /chat/completions, e.g. http://127.0.0.1:11434/v1. */
  baseUrl: string;
  model: string;
  /** Kept out of JSON.stringify and util.inspect: see describeLlmSettings for what may be printed. */
  readonly apiKey: string;
  timeoutMilliseconds: number;
  /** Further attempts after the first, for 429, 5xx, timeouts, broken bodies and invalid answers. */
  retries: number;
  backoffBaseMilliseconds: number;
  backoffMaximumMilliseconds: number;
  /** Longest Retry-After the client will honour; a longer one is capped to this. */
  retryAfterMaximumMilliseconds: number;
  concurrency: number;
  /** Stop before the request that would exceed it (retries count); undefined = no limit. */
  maximumRequests: number | undefined;
  /** Stop before a request whose worst case (prompt estimate + completion limit) would exceed it. */
  maximumTokens: number | undefined;
  /** Completion token limit sent with every request. */
  completionTokenLimit: number;
  temperature: number;
  structuredOutput: StructuredOutputMode;
  /** User turns per request when a dialogue is long (its turns are sent in chunks of this many). */
  turnsPerRequest: number;
  /** Longest user turn text sent, in characters (see truncateForPrompt). */
  userTurnCharacters: number;
  /** Longest assistant turn text sent as context, in characters. */
  assistantTurnCharacters: number;
}

export const STRUCTURED_OUTPUT_MODES = ['json-schema', 'json-object', 'none'] as const;
export type StructuredOutputMode = (typeof STRUCTURED_OUTPUT_MODES)[number];

export const DEFAULT_LLM_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';

/** Every option key the client reads, with its meaning (for --help texts and the README). */
export const LLM_OPTION_KEYS: Record<string, string> = {
  'llm.base-url': `OpenAI-compatible base URL (env REALSIM_LLM_BASE_URL; default ${DEFAULT_LLM_BASE_URL})`,
  'llm.model': `model name (env REALSIM_LLM_MODEL; default ${DEFAULT_LLM_MODEL})`,
  'llm.model.<dimension>': 'model for one dimension, e.g. llm.model.identity=gpt-4o',
  'llm.timeout-ms': 'request timeout in milliseconds (default 60000)',
  'llm.retries': 'further attempts after a failed or invalid answer (default 4)',
  'llm.backoff-ms': 'first retry delay; doubles each attempt, no jitter (default 500)',
  'llm.backoff-max-ms': 'longest backoff delay (default 30000)',
  'llm.retry-after-max-ms': 'longest Retry-After honoured (default 120000)',
  'llm.concurrency': 'requests in flight at once (default 4)',
  'llm.max-requests': 'stop before sending more than this many requests, retries included (default: no limit)',
  'llm.max-tokens': 'stop before a request could push prompt+completion tokens past this (default: no limit)',
  'llm.completion-tokens': 'completion token limit per request (default 2048)',
  'llm.temperature': 'sampling temperature (default 0)',
  'llm.structured-output': 'json-schema | json-object | none (default json-schema; a tolerant parser reads every answer)',
  'llm.turns-per-request': 'user turns per request for long dialogues (default 12)',
  'llm.user-chars': 'longest user turn sent, in characters (default 2000)',
  'llm.assistant-chars': 'longest assistant turn sent as context, in characters (default 600)',
};

type Environment = Record<string, string | undefined>;

function readInteger(options: Record<string, string>, key: string, fallback: number, minimum: number): number {
  const value = options[key];
  if (value === undefined) return fallback;
  const trimmed = value.trim();
  const parsed = /^\d+$/.test(trimmed) ? Number.parseInt(trimmed, 10) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < minimum) {
    throw new RealsimError('USAGE', `--option ${key}: expected an integer ≥ ${minimum}, found ${quoteForMessage(value)}`);
  }
  return parsed;
}

function readOptionalInteger(options: Record<string, string>, key: string): number | undefined {
  return options[key] === undefined ? undefined : readInteger(options, key, 0, 1);
}

function readNumber(options: Record<string, string>, key: string, fallback: number): number {
  const value = options[key];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 2) {
    throw new RealsimError('USAGE', `--option ${key}: expected a number from 0 to 2, found ${quoteForMessage(value)}`);
  }
  return parsed;
}

function readBaseUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new RealsimError('USAGE', `--option llm.base-url: expected an http(s) URL such as http://127.0.0.1:11434/v1, found ${quoteForMessage(redactUrlCredentials(value))}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new RealsimError('USAGE', `--option llm.base-url: expected an http: or https: URL, found ${quoteForMessage(redactUrlCredentials(value))}`);
  }
  return value.replace(/\/+$/, '');
}

/** Removes user:password@ from a URL-looking string, for messages and backend descriptions. */
export function redactUrlCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

/**
 * Resolves the settings for one dimension: options win over the environment, `llm.model.<dimension>`
 * wins over `llm.model`. Pure: the environment is an argument (process.env by default).
 */
export function resolveLlmSettings(options: Record<string, string>, dimension: string | undefined, environment: Environment = process.env): LlmSettings {
  const structuredOutput = options['llm.structured-output'] ?? 'json-schema';
  if (!(STRUCTURED_OUTPUT_MODES as readonly string[]).includes(structuredOutput)) {
    throw new RealsimError(
      'USAGE',
      `--option llm.structured-output: expected one of ${STRUCTURED_OUTPUT_MODES.map((mode) => `"${mode}"`).join(', ')}, found ${quoteForMessage(structuredOutput)}`,
    );
  }
  const model =
    (dimension === undefined ? undefined : options[`llm.model.${dimension}`]) ?? options['llm.model'] ?? environment.REALSIM_LLM_MODEL ?? DEFAULT_LLM_MODEL;
  if (model.trim() === '') throw new RealsimError('USAGE', '--option llm.model: expected a model name, found ""');
  const settings: Omit<LlmSettings, 'apiKey'> = {
    baseUrl: readBaseUrl(options['llm.base-url'] ?? environment.REALSIM_LLM_BASE_URL ?? DEFAULT_LLM_BASE_URL),
    model,
    timeoutMilliseconds: readInteger(options, 'llm.timeout-ms', 60_000, 1),
    retries: readInteger(options, 'llm.retries', 4, 0),
    backoffBaseMilliseconds: readInteger(options, 'llm.backoff-ms', 500, 0),
    backoffMaximumMilliseconds: readInteger(options, 'llm.backoff-max-ms', 30_000, 0),
    retryAfterMaximumMilliseconds: readInteger(options, 'llm.retry-after-max-ms', 120_000, 0),
    concurrency: readInteger(options, 'llm.concurrency', 4, 1),
    maximumRequests: readOptionalInteger(options, 'llm.max-requests'),
    maximumTokens: readOptionalInteger(options, 'llm.max-tokens'),
    completionTokenLimit: readInteger(options, 'llm.completion-tokens', 2048, 16),
    temperature: readNumber(options, 'llm.temperature', 0),
    structuredOutput: structuredOutput as StructuredOutputMode,
    turnsPerRequest: readInteger(options, 'llm.turns-per-request', 12, 1),
    userTurnCharacters: readInteger(options, 'llm.user-chars', 2000, 40),
    assistantTurnCharacters: readInteger(options, 'llm.assistant-chars', 600, 40),
  };
  const apiKey = environment.REALSIM_LLM_API_KEY ?? environment.OPENAI_API_KEY ?? '';
  // the key is a non-enumerable property: JSON.stringify, spreads and util.inspect never show it
  Object.defineProperty(settings, 'apiKey', { value: apiKey, enumerable: false, writable: false });
  return settings as LlmSettings;
}

/** What may be printed about the endpoint: host and model, never the key or URL credentials. */
export function describeLlmEndpoint(settings: LlmSettings): string {
  return `${settings.model} at ${redactUrlCredentials(settings.baseUrl)}`;
}
