/**
 * An answer that arrived but cannot be used (not JSON, cut off, a field missing, an unknown tag). The
 * client retries it like a transient fault; it is never cached. After the last attempt it becomes a
 * RealsimError('LLM_REQUEST_FAILED').
 */
export class InvalidLlmAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidLlmAnswerError';
  }
}
