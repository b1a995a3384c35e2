import { describe, expect, it } from 'vitest';
import { FEEDBACK_TAGS } from '../../dimensions/feedback/feedback-tags.js';
import { FEEDBACK_TAG_ALIASES } from '../../dimensions/feedback/prompt.js';
import { INTENT_TAGS } from '../../dimensions/intent/intent-tags.js';
import { INTENT_TAG_ALIASES } from '../../dimensions/intent/prompt.js';
import { IDENTITY_CATEGORIES } from '../../dimensions/identity/identity-categories.js';
import { IDENTITY_CATEGORY_ALIASES } from '../../dimensions/identity/prompt.js';
import { createConcurrencyLimiter } from '../../src/llm/concurrency-limiter.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { normalizeTag, normalizeTagList } from '../../src/llm/normalize-tag.js';
import { parseJsonAnswer } from '../../src/llm/parse-json-answer.js';
import { parseRetryAfter, retryDelayMilliseconds } from '../../src/llm/retry-delay.js';
import { truncateForPrompt } from '../../src/llm/truncate-for-prompt.js';
import { quoteOccursInText } from '../../src/llm/verify-quote.js';

describe('normalizeTag', () => {
  it('maps spellings and explicit aliases, rejecting unknown tags with the valid choices', () => {
    expect(normalizeTag('#negative_feedback', FEEDBACK_TAGS, FEEDBACK_TAG_ALIASES, 'x')).toBe('explicit_negative');
    expect(normalizeTag('positive_feedback', FEEDBACK_TAGS, FEEDBACK_TAG_ALIASES, 'x')).toBe('explicit_positive');
    expect(normalizeTag(' Explicit-Positive ', FEEDBACK_TAGS, FEEDBACK_TAG_ALIASES, 'x')).toBe('explicit_positive');
    expect(normalizeTag('Content Modification', INTENT_TAGS, INTENT_TAG_ALIASES, 'x')).toBe('content_modification');
    expect(normalizeTag('"health"', IDENTITY_CATEGORIES, IDENTITY_CATEGORY_ALIASES, 'x')).toBe('physical');
    expect(() => normalizeTag('sarcasm', FEEDBACK_TAGS, FEEDBACK_TAG_ALIASES, 'turn 2 feedback[0]')).toThrow(
      'turn 2 feedback[0]: expected one of no_feedback, explicit_positive, explicit_negative, regeneration_request, continuation_request, clarification_request, provide_clarification, found "sarcasm"',
    );
    expect(() => normalizeTag(3, FEEDBACK_TAGS, FEEDBACK_TAG_ALIASES, 'x')).toThrow('x: expected a tag string, found 3');
  });

  it('every alias points at a real tag (a typo in a table would silently reject answers)', () => {
    for (const [aliases, tags] of [
      [INTENT_TAG_ALIASES, INTENT_TAGS],
      [FEEDBACK_TAG_ALIASES, FEEDBACK_TAGS],
      [IDENTITY_CATEGORY_ALIASES, IDENTITY_CATEGORIES],
    ] as const) {
      for (const target of Object.values(aliases)) expect(tags as readonly string[]).toContain(target);
    }
  });

  it('lists: deduplicated and in guide order', () => {
    expect(normalizeTagList(['regeneration_request', 'negative', '#negative_feedback'], FEEDBACK_TAGS, FEEDBACK_TAG_ALIASES, 'x')).toEqual([
      'explicit_negative',
      'regeneration_request',
    ]);
    expect(() => normalizeTagList('no_feedback', FEEDBACK_TAGS, FEEDBACK_TAG_ALIASES, 'x')).toThrow('x: expected a list of tags, found "no_feedback"');
  });
});

describe('parseJsonAnswer', () => {
  it('reads plain JSON, fenced JSON and JSON inside prose', () => {
    expect(parseJsonAnswer('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonAnswer('Here:\n```json\n{"a": [1, 2]}\n```')).toEqual({ a: [1, 2] });
    expect(parseJsonAnswer('Sure. {"a": "brace } inside", "b": {"c": 2}} Hope it helps {x}')).toEqual({ a: 'brace } inside', b: { c: 2 } });
  });

  it('rejects text without a JSON object, and arrays', () => {
    expect(() => parseJsonAnswer('no json here')).toThrow('expected one JSON object, found "no json here"');
    expect(() => parseJsonAnswer('[1, 2]')).toThrow(/expected one JSON object/);
    expect(() => parseJsonAnswer('{"a": 1')).toThrow(/expected one JSON object/);
  });
});

describe('truncateForPrompt', () => {
  it('keeps ¾ of the limit from the start and ¼ from the end', () => {
    const text = `${'a'.repeat(100)}${'b'.repeat(100)}`;
    // limit 40: head 30 a's, tail 10 b's, 200 − 40 = 160 characters cut
    expect(truncateForPrompt(text, 40)).toBe(`${'a'.repeat(30)} […160 characters cut…] ${'b'.repeat(10)}`);
    expect(truncateForPrompt('short', 40)).toBe('short');
  });
});

describe('quoteOccursInText', () => {
  const text = 'Hi! I’m a nurse  in Ohio, and my   daughter is 7. Can you help?';
  it('matches through case, curly quotes, white space, trailing punctuation and ellipses', () => {
    expect(quoteOccursInText("I'm a nurse in Ohio", text)).toBe(true);
    expect(quoteOccursInText('"my daughter is 7."', text)).toBe(true);
    expect(quoteOccursInText("I'm a nurse ... daughter is 7", text)).toBe(true);
  });
  it('rejects paraphrases, out-of-order pieces and tiny quotes', () => {
    expect(quoteOccursInText('I work as a nurse', text)).toBe(false);
    expect(quoteOccursInText('daughter is 7 … nurse', text)).toBe(false);
    expect(quoteOccursInText('hi', text)).toBe(false);
  });
});

describe('retry delays', () => {
  it('doubles from the base, caps, and lets a longer Retry-After win (capped)', () => {
    const base = { baseMilliseconds: 500, maximumMilliseconds: 3_000, retryAfterMaximumMilliseconds: 10_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMilliseconds({ ...base, attempt, retryAfterMilliseconds: undefined }))).toEqual([500, 1000, 2000, 3000, 3000]);
    expect(retryDelayMilliseconds({ ...base, attempt: 1, retryAfterMilliseconds: 7_000 })).toBe(7_000);
    expect(retryDelayMilliseconds({ ...base, attempt: 3, retryAfterMilliseconds: 100 })).toBe(2_000);
    expect(retryDelayMilliseconds({ ...base, attempt: 1, retryAfterMilliseconds: 60_000 })).toBe(10_000);
  });
  it('reads Retry-After as seconds or an HTTP date, and retry-after-ms', () => {
    const headers = (entries: Record<string, string>) => new Headers(entries);
    expect(parseRetryAfter(headers({ 'retry-after': '2' }))).toBe(2_000);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }), Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5_000);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(headers({}))).toBeUndefined();
  });
});

describe('createConcurrencyLimiter', () => {
  it('never runs more than the limit at once, and starts a waiting task when one finishes', async () => {
    const limiter = createConcurrencyLimiter(2);
    let peak = 0;
    const started: number[] = [];
    const releases: Array<() => void> = [];
    // each task waits until the test releases it: no timer decides the order
    const task = (number: number) => async () => {
      started.push(number);
      peak = Math.max(peak, limiter.active());
      await new Promise<void>((resolve) => releases.push(resolve));
    };
    const settled = Promise.all(Array.from({ length: 7 }, (_, number) => limiter.run(task(number))));
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    await tick();
    expect(started).toEqual([0, 1]);
    for (let released = 0; released < 7; released += 1) {
      releases[released]?.();
      await tick();
      expect(limiter.active()).toBe(Math.min(2, 6 - released));
    }
    await settled;
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
    expect(limiter.active()).toBe(0);
  });
});

describe('resolveLlmSettings', () => {
  it('takes options over environment, the per-dimension model over the general one, the key from the environment only', () => {
    const environment = { REALSIM_LLM_BASE_URL: 'http://env-host:8000/v1/', REALSIM_LLM_MODEL: 'env-model', OPENAI_API_KEY: 'sk-openai-key' };
    const settings = resolveLlmSettings({ 'llm.model': 'general', 'llm.model.identity': 'special' }, 'identity', environment);
    expect(settings.baseUrl).toBe('http://env-host:8000/v1');
    expect(settings.model).toBe('special');
    expect(resolveLlmSettings({ 'llm.model': 'general' }, 'intent', environment).model).toBe('general');
    expect(resolveLlmSettings({}, 'intent', environment).model).toBe('env-model');
    expect(settings.apiKey).toBe('sk-openai-key');
    expect(resolveLlmSettings({}, 'intent', { ...environment, REALSIM_LLM_API_KEY: 'sk-realsim' }).apiKey).toBe('sk-realsim');
    expect(JSON.stringify(settings)).not.toContain('sk-openai-key');
  });
  it('rejects bad values with the option named', () => {
    expect(() => resolveLlmSettings({ 'llm.concurrency': '0' }, 'intent', {})).toThrow('--option llm.concurrency: expected an integer ≥ 1, found "0"');
    expect(() => resolveLlmSettings({ 'llm.structured-output': 'xml' }, 'intent', {})).toThrow(
      '--option llm.structured-output: expected one of "json-schema", "json-object", "none", found "xml"',
    );
    expect(() => resolveLlmSettings({ 'llm.base-url': 'ftp://user:pw@host' }, 'intent', {})).toThrow('--option llm.base-url: expected an http: or https: URL, found "ftp://host"');
  });
});
