import { RealsimError } from '../core/realsim-error.js';
import { createAnnotationUsageLedger, type AnnotationUsageLedger } from './annotation-usage-ledger.js';
import { createTokenUsageLedger, type TokenUsageLedger } from './token-usage-ledger.js';

/**
 * What all LLM clients of one run share: the request/token budget (--option llm.max-requests,
 * llm.max-tokens) and the usage ledger. A run is identified by its options object (the same object is
 * handed to every dimension's createAnnotator and annotate), so dimensions created separately still draw
 * on one budget. `usage` counts what this run sent (differs with faults and cache state: stderr only);
 * `annotationUsage.rows()` is the cost behind the annotations (fault- and cache-independent: report.json).
 */
export interface LlmBudget {
  /** Reserves a worst-case token amount for one request; throws LLM_BUDGET_EXCEEDED before exceeding a limit. */
  reserve(worstCaseTokens: number, where: string): number;
  /** Replaces a reservation by what the request actually used. */
  settle(reservation: number, usedTokens: number): void;
  requestsSent(): number;
  tokensSpent(): number;
}

export interface LlmRunState {
  usage: TokenUsageLedger;
  annotationUsage: AnnotationUsageLedger;
  budget(limits: { maximumRequests: number | undefined; maximumTokens: number | undefined }): LlmBudget;
}

const states = new WeakMap<object, LlmRunState>();

export function llmRunState(runKey: object): LlmRunState {
  let state = states.get(runKey);
  if (!state) {
    state = createLlmRunState();
    states.set(runKey, state);
  }
  return state;
}

export function createLlmRunState(): LlmRunState {
  let requests = 0;
  let spentTokens = 0;
  let reservedTokens = 0;
  const usage = createTokenUsageLedger();
  return {
    usage,
    annotationUsage: createAnnotationUsageLedger(),
    budget(limits) {
      return {
        reserve(worstCaseTokens, where) {
          if (limits.maximumRequests !== undefined && requests + 1 > limits.maximumRequests) {
            throw new RealsimError(
              'LLM_BUDGET_EXCEEDED',
              `${where}: expected at most ${limits.maximumRequests} requests (--option llm.max-requests), found ${requests} sent and one more needed`,
            );
          }
          if (limits.maximumTokens !== undefined && spentTokens + reservedTokens + worstCaseTokens > limits.maximumTokens) {
            throw new RealsimError(
              'LLM_BUDGET_EXCEEDED',
              `${where}: expected at most ${limits.maximumTokens} tokens (--option llm.max-tokens), found ${spentTokens} spent, ${reservedTokens} in flight and up to ${worstCaseTokens} more needed`,
            );
          }
          requests += 1;
          reservedTokens += worstCaseTokens;
          return worstCaseTokens;
        },
        settle(reservation, usedTokens) {
          reservedTokens -= reservation;
          spentTokens += usedTokens;
        },
        requestsSent: () => requests,
        tokensSpent: () => spentTokens,
      };
    },
  };
}
