import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { makeFolder } from '../core/file-system-error.js';
import { join } from 'node:path';
import { loadReportHistory, renderHistoryHtml, renderHistoryMarkdown } from '../report/report-history.js';

export interface HistoryCommandOptions {
  out?: string;
}

/** `realsim history <dir>`: writes history.html and history.md (into --out, default <dir>) and prints their paths. */
export function historyCommand(directory: string, options: HistoryCommandOptions): void {
  const runs = loadReportHistory(directory);
  const outputDirectory = options.out ?? directory;
  makeFolder(outputDirectory, '--out folder');
  const html = join(outputDirectory, 'history.html');
  const markdown = join(outputDirectory, 'history.md');
  writeFileSync(html, renderHistoryHtml(runs));
  writeFileSync(markdown, renderHistoryMarkdown(runs));
  process.stdout.write(`${html}\n${markdown}\n`);
}

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description('trend of each headline distance over runs (domain "all", and per domain in history.md; runs whose set-up changed are marked): reads <dir>/*/report.json (and <dir>/report.json, <dir>/*.report.json), writes history.html + history.md')
    .argument('<dir>', 'folder of runs, one subfolder per run (ordered by name)')
    .option('--out <dir>', 'where to write history.html and history.md (default: <dir>)')
    .action((directory: string, options: HistoryCommandOptions) => {
      historyCommand(directory, options);
    });
}
