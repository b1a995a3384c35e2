/** Tokens the endpoint reported for the accepted answer(s) behind one annotated item. */
export interface ItemUsage {
  /** Accepted requests (one per chunk of user turns). */
  requests: number;
  promptTokens: number;
  completionTokens: number;
}

/** One row of report.json's llmUsage table: a dimension's cost, whatever the cache or the faults did. */
export interface LlmUsageRow {
  dimension: string;
  model: string;
  unit: string;
  /** Distinct items (dialogues with distinct prompt text) annotated by the llm backend. */
  items: number;
  /** Items whose cached result predates usage recording: their tokens are missing from the sums. */
  itemsWithoutUsage: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
}

export const LLM_USAGE_UNIT = 'tokens as reported by the endpoint (usage fields) for the accepted answers behind the annotations; retries and failed attempts excluded';

/**
 * The cost of the annotations a report rests on, per dimension: every distinct item counts once with
 * the usage of its accepted answers, stored next to the result in the cache. So the sums are the same
 * for a cold run, a warm-cache run, a run with faults and a run resumed after a kill (the "requests
 * sent this run" numbers, which do differ, live in the TokenUsageLedger and go to stderr only).
 */
export interface AnnotationUsageLedger {
  record(dimension: string, model: string, itemKey: string, usage: ItemUsage | undefined): void;
  /** Rows in first-use order of the dimensions. */
  rows(): LlmUsageRow[];
}

/** Reads a usage object stored in the cache; undefined for a missing or malformed one. */
export function readItemUsage(value: unknown): ItemUsage | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const numbers = [record.requests, record.promptTokens, record.completionTokens];
  if (!numbers.every((number) => typeof number === 'number' && Number.isInteger(number) && number >= 0)) return undefined;
  return { requests: record.requests as number, promptTokens: record.promptTokens as number, completionTokens: record.completionTokens as number };
}

export function createAnnotationUsageLedger(): AnnotationUsageLedger {
  const byDimension = new Map<string, { model: string; items: Map<string, ItemUsage | undefined> }>();
  return {
    record(dimension, model, itemKey, usage) {
      const name = `${dimension}\u0000${model}`;
      let entry = byDimension.get(name);
      if (!entry) {
        entry = { model, items: new Map() };
        byDimension.set(name, entry);
      }
      if (!entry.items.has(itemKey) || entry.items.get(itemKey) === undefined) entry.items.set(itemKey, usage);
    },
    rows() {
      return [...byDimension].map(([name, entry]) => {
        const row: LlmUsageRow = {
          dimension: name.split('\u0000')[0] ?? name,
          model: entry.model,
          unit: LLM_USAGE_UNIT,
          items: entry.items.size,
          itemsWithoutUsage: 0,
          requests: 0,
          promptTokens: 0,
          completionTokens: 0,
        };
        for (const usage of entry.items.values()) {
          if (!usage) {
            row.itemsWithoutUsage += 1;
            continue;
          }
          row.requests += usage.requests;
          row.promptTokens += usage.promptTokens;
          row.completionTokens += usage.completionTokens;
        }
        return row;
      });
    },
  };
}
