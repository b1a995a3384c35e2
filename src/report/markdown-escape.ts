/**
 * Makes dialogue text safe inside one Markdown table cell: it renders as the literal text, never as
 * markup. HTML-significant characters and the pipe become entities (so `<script>` or `<img onerror=…>`
 * stays text where inline HTML is allowed, and a pipe cannot end the cell), inline Markdown punctuation
 * gets a backslash (no emphasis, links, images or code spans; an underscore inside a word, as in
 * system_management, cannot start emphasis and is left alone), and line breaks and runs of whitespace
 * become one space (a cell is one line). Block syntax (#, -, 1.) has no effect inside a table cell.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/[\\`*[\]~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (character) => `\\${character}`);
}
