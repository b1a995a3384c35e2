/**
 * Removes from a user message what is not the user's own grammar before Harper lints it: code, links,
 * addresses, paths, quoted text, tables, logs, markup and data. See README.md for each rule and why.
 *
 * Whole lines that are not prose are replaced by an empty line (so the prose around them never merges
 * into one sentence). Inline items inside a prose line are replaced by one capitalized placeholder word
 * ("Link", "Address", "File", "Code", "Text") so the sentence keeps its shape: "write to https://x.com
 * today" → "write to Link today", which Harper reads as a proper noun (no spelling, no capitalization lint
 * at a sentence start). The placeholder counts as one word of linted prose, standing for the one item.
 */
export type StripRule =
  | 'fenced-code'
  | 'quoted-line'
  | 'table-line'
  | 'log-line'
  | 'markup-line'
  | 'code-line'
  | 'data-line'
  | 'inline-code'
  | 'url'
  | 'email'
  | 'file-path'
  | 'anonymization-placeholder'
  | 'overlong-token';

export interface StrippedPiece {
  rule: StripRule;
  text: string;
}

export interface StrippedMessage {
  prose: string;
  removed: StrippedPiece[];
}

const fencedCodePattern = /^[ \t]*(`{3,}|~{3,})[^\n]*(?:\n[\s\S]*?(?:\n[ \t]*\1[ \t]*(?=\n|$)|$(?![\s\S]))|$(?![\s\S]))/gm;

const inlineReplacements: Array<{ rule: StripRule; pattern: RegExp; placeholder: string }> = [
  // WildChat's anonymizer: <PRESIDIO_ANONYMIZED_PERSON>, <<PRESIDIO_ANONYMIZED_EMAIL_ADDRESS>>
  { rule: 'anonymization-placeholder', pattern: /<{1,2}PRESIDIO_ANONYMIZED_[A-Z_]+>{1,2}/g, placeholder: 'Name' },
  { rule: 'inline-code', pattern: /`[^`\n]+`/g, placeholder: 'Code' },
  // scheme or www. up to whitespace; trailing sentence punctuation and closing brackets stay in the prose
  { rule: 'url', pattern: /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]}'’]/gi, placeholder: 'Link' },
  { rule: 'email', pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, placeholder: 'Address' },
  // absolute, home-relative, dot-relative and Windows paths with at least one separator
  {
    rule: 'file-path',
    pattern: /(?<![\w/])(?:[a-z]:\\|~\/|\.{1,2}\/|\/)(?:[\w.-]+[\\/])*[\w.-]+/gi,
    placeholder: 'File',
  },
  // bare file names with a common extension: report.pdf, main.py, data.csv
  {
    rule: 'file-path',
    pattern:
      /\b[\w-]+\.(?:pdf|docx?|xlsx?|pptx?|csv|tsv|txt|json|ya?ml|xml|html?|css|md|py|ipynb|js|ts|jsx|tsx|java|cpp|cc|hpp|rs|go|rb|php|sh|sql|png|jpe?g|gif|svg|zip|exe|log)\b/gi,
    placeholder: 'File',
  },
];

/**
 * 30+ characters without a space, after URLs and paths are gone, that hold a 20+ run of letters/digits
 * (glued PDF text, hashes, base64) or URL/code punctuation (query strings cut by a line break). A user's
 * "portable,lightweight,foldable" (missing spaces after commas) is not one: it stays and is linted.
 */
const overlongTokenPattern = /\S{30,}/g;
function isOverlongNonProseToken(token: string): boolean {
  return /[\p{L}\p{N}]{20,}/u.test(token) || /[=&/\\_<>]/.test(token);
}

const codeKeywordPattern =
  /^\s*(?:import\s+[\w{*]|from\s+[\w.]+\s+import\b|def\s+\w+\s*\(|class\s+\w+\s*[:({]|function\s*\w*\s*\(|(?:const|let|var)\s+\w+\s*=|#include\b|(?:public|private|protected)\s+(?:static\s+)?\w+|return\b[^.?!]*;\s*$|(?:if|for|while|switch)\s*\(|print\s*\(|console\.\w+\(|SELECT\s.+\sFROM\b|(?:CREATE|INSERT|UPDATE|DELETE)\s+(?:TABLE|INTO|FROM)\b)/;
const codeOperatorPattern = /=>|==|!=|&&|\|\||::|\+=|-=|\w\(\)|\)\s*\{|;\s*\S.*;/;
const codeSymbolPattern = /[{}[\]<>=;\\|$^~_#*@&%+]/g;

/** Why a whole line is not the user's prose, or undefined when it is prose. */
export function classifyNonProseLine(line: string): StripRule | undefined {
  const compact = line.replace(/\s+/g, '');
  if (compact.length === 0) return undefined;
  if (/^\s*>/.test(line)) return 'quoted-line';
  if (/^\s*\|/.test(line) || (line.match(/\|/g)?.length ?? 0) >= 2 || /\S\t+\S.*\t+\S/.test(line)) return 'table-line';
  if (/^\s*\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(line) || /^\s*\[?\d{2}:\d{2}:\d{2}\b/.test(line)) return 'log-line';
  if (/^\s*\\[a-zA-Z]+\b/.test(line) || /^\s*%/.test(line) || /^\s*<\/?[a-zA-Z][\w-]*(?:\s[^>]*)?\/?>/.test(line)) {
    return 'markup-line';
  }
  if (compact.length < 4) return undefined;
  const symbols = compact.match(codeSymbolPattern)?.length ?? 0;
  const symbolRatio = symbols / compact.length;
  if (codeKeywordPattern.test(line)) return 'code-line';
  if (/^\s*[{}[\]]/.test(line) || /[{[(]\s*$/.test(line) || /[}\]]\s*[;,]?\s*$/.test(line) || /\)\s*;\s*$/.test(line)) {
    return 'code-line';
  }
  if (codeOperatorPattern.test(line) && symbolRatio >= 0.08) return 'code-line';
  if (/^\s*"[^"]+"\s*:/.test(line)) return 'data-line';
  if (symbols >= 3 && symbolRatio >= 0.2) return 'data-line';
  const letters = compact.match(/\p{L}/gu)?.length ?? 0;
  if (compact.length >= 6 && letters / compact.length < 0.5) return 'data-line';
  return undefined;
}

export function stripNonProse(text: string): StrippedMessage {
  const removed: StrippedPiece[] = [];
  const withoutFences = text.replace(fencedCodePattern, (block) => {
    removed.push({ rule: 'fenced-code', text: block });
    return '';
  });
  const proseLines = withoutFences.split('\n').map((line) => {
    const rule = classifyNonProseLine(line);
    if (rule === undefined) return line;
    removed.push({ rule, text: line });
    return '';
  });
  let prose = proseLines.join('\n');
  for (const { rule, pattern, placeholder } of inlineReplacements) {
    prose = prose.replace(pattern, (match) => {
      removed.push({ rule, text: match });
      return placeholder;
    });
  }
  prose = prose.replace(overlongTokenPattern, (token) => {
    if (!isOverlongNonProseToken(token)) return token;
    removed.push({ rule: 'overlong-token', text: token });
    return 'Text';
  });
  return { prose, removed };
}
