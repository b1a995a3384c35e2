/**
 * The one error class of realsim. Every error a user can cause carries a code and a one-line
 * message of the form `<where>: expected …, found …` (lower case, bad value quoted, valid choices listed).
 * The CLI prints `realsim: <message>` and exits 1; the stack is shown only with --verbose.
 */
export type RealsimErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'INPUT_EMPTY'
  | 'INPUT_ENCODING'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_INVALID_JSON'
  | 'INPUT_UNKNOWN_LAYOUT'
  | 'INPUT_INVALID_RECORD'
  | 'INPUT_DUPLICATE_ID'
  | 'USAGE'
  | 'CONFIG'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_INVALID'
  | 'ANNOTATOR_FAILED'
  | 'LLM_REQUEST_FAILED'
  | 'LLM_BUDGET_EXCEEDED'
  | 'DATA_CHECKSUM_MISMATCH'
  | 'DATA_DOWNLOAD_FAILED'
  | 'REPORT_INVALID'
  | 'FILE_SYSTEM'
  | 'INTERNAL';

export class RealsimError extends Error {
  readonly code: RealsimErrorCode;

  constructor(code: RealsimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RealsimError';
    this.code = code;
  }
}

export function isRealsimError(value: unknown): value is RealsimError {
  return value instanceof RealsimError;
}

/** Quotes a user-supplied value for an error message, shortened so a message stays one line. */
export function quoteForMessage(value: unknown, maximumLength = 60): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/\s+/g, ' ');
  if (text.length > maximumLength) text = `${text.slice(0, maximumLength)}…`;
  return `"${text}"`;
}
