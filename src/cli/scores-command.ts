import type { Command } from 'commander';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { readRealismReport } from '../report/compare-reports.js';
import { DIALOGUE_SCORE_FORMATS, formatDialogueScores, type DialogueScoreFormat } from '../report/format-dialogue-scores.js';

export interface ScoresCommandOptions {
  format: string;
}

export function parseDialogueScoreFormat(value: string): DialogueScoreFormat {
  if (!(DIALOGUE_SCORE_FORMATS as readonly string[]).includes(value)) {
    throw new RealsimError('USAGE', `--format: expected one of ${DIALOGUE_SCORE_FORMATS.map((format) => `"${format}"`).join(', ')}, found ${quoteForMessage(value)}`);
  }
  return value as DialogueScoreFormat;
}

/** `realsim scores <report.json>`: the per-dialogue realism scores (report.json dialogueScores) on stdout. */
export function scoresCommand(reportPath: string, options: ScoresCommandOptions): void {
  const format = parseDialogueScoreFormat(options.format);
  const report = readRealismReport(reportPath);
  if (report.dialogueScores === undefined) {
    throw new RealsimError('REPORT_INVALID', `${reportPath}: expected "dialogueScores" (written by realsim from report schema 1.3 on), found a report of schema ${quoteForMessage(report.schemaVersion)} without them`);
  }
  process.stdout.write(formatDialogueScores(report.dialogueScores, format));
}

export function registerScoresCommand(program: Command): void {
  program
    .command('scores')
    .description('print the out-of-fold realism score (P(real) from the classifier two-sample test) of every scored dialogue of a report, as CSV or JSONL')
    .argument('<report.json>', 'a report written by realsim evaluate')
    .option('--format <format>', `output format: ${DIALOGUE_SCORE_FORMATS.join(', ')}`, 'csv')
    .action((reportPath: string, options: ScoresCommandOptions) => {
      scoresCommand(reportPath, options);
    });
}
