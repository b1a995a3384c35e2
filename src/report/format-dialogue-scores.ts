import type { DialogueScoreRow } from '../measure/classifier-two-sample-test.js';

export const DIALOGUE_SCORE_FORMATS = ['csv', 'jsonl'] as const;
export type DialogueScoreFormat = (typeof DIALOGUE_SCORE_FORMATS)[number];

/** Column order of the CSV (and key order of each JSONL line). */
export const DIALOGUE_SCORE_COLUMNS = ['real', 'simulated', 'set', 'kind', 'dialogueId', 'scenarioId', 'domain', 'realism', 'pairedDialogueId'] as const;

/**
 * One RFC 4180 CSV field: quoted (inner quotes doubled) when it holds a comma, quote, line break, or
 * starts or ends with a space; empty for null. Text stays as it was in the data (no formula guard), so
 * a tool reading the CSV gets the exact ids back.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const field = String(value);
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Pure: the rows as CSV (header line first) or JSONL (one object a line), each line ending in "\n". */
export function formatDialogueScores(rows: readonly DialogueScoreRow[], format: DialogueScoreFormat): string {
  if (format === 'jsonl') {
    return rows.map((row) => `${JSON.stringify(Object.fromEntries(DIALOGUE_SCORE_COLUMNS.map((column) => [column, row[column]])))}\n`).join('');
  }
  const lines = [DIALOGUE_SCORE_COLUMNS.join(','), ...rows.map((row) => DIALOGUE_SCORE_COLUMNS.map((column) => csvField(row[column])).join(','))];
  return `${lines.join('\n')}\n`;
}
