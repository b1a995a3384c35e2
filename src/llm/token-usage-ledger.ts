/** Tokens and requests spent, as the endpoint reported them (usage fields). */
export interface TokenUsage {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests whose answer was accepted (one per answered item). */
  acceptedRequests: number;
  promptTokens: number;
  completionTokens: number;
  /** Tokens of accepted answers only: the same for a run with faults as without (retries excluded). */
  acceptedPromptTokens: number;
  acceptedCompletionTokens: number;
}

export function emptyTokenUsage(): TokenUsage {
  return { requests: 0, acceptedRequests: 0, promptTokens: 0, completionTokens: 0, acceptedPromptTokens: 0, acceptedCompletionTokens: 0 };
}

/** Token usage per dimension (or per task such as "scenarios"), summed over every client that records into it. */
export interface TokenUsageLedger {
  recordRequest(dimension: string, usage: { promptTokens: number; completionTokens: number } | undefined): void;
  recordAccepted(dimension: string, usage: { promptTokens: number; completionTokens: number } | undefined): void;
  /** A copy, dimensions in first-use order. */
  byDimension(): Record<string, TokenUsage>;
}

export function createTokenUsageLedger(): TokenUsageLedger {
  const usage = new Map<string, TokenUsage>();
  const entry = (dimension: string) => {
    let found = usage.get(dimension);
    if (!found) {
      found = emptyTokenUsage();
      usage.set(dimension, found);
    }
    return found;
  };
  return {
    recordRequest(dimension, tokens) {
      const found = entry(dimension);
      found.requests += 1;
      found.promptTokens += tokens?.promptTokens ?? 0;
      found.completionTokens += tokens?.completionTokens ?? 0;
    },
    recordAccepted(dimension, tokens) {
      const found = entry(dimension);
      found.acceptedRequests += 1;
      found.acceptedPromptTokens += tokens?.promptTokens ?? 0;
      found.acceptedCompletionTokens += tokens?.completionTokens ?? 0;
    },
    byDimension: () => Object.fromEntries([...usage].map(([dimension, value]) => [dimension, { ...value }])),
  };
}
