import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeFolder, withFileSystemErrors } from '../core/file-system-error.js';
import type { RealismReport } from './realism-report.js';
import { renderMarkdownReport, renderMarkdownSummary } from './render-markdown-report.js';
import { renderHtmlReport } from './render-html-report.js';

/** The only code that touches report files. */
export function writeRealismReport(
  report: RealismReport,
  outputDirectory: string,
): { json: string; markdown: string; html: string } {
  makeFolder(outputDirectory, '--out folder');
  const json = join(outputDirectory, 'report.json');
  const markdown = join(outputDirectory, 'report.md');
  const html = join(outputDirectory, 'report.html');
  withFileSystemErrors('--out folder', () => {
    writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(markdown, renderMarkdownReport(report));
    writeFileSync(html, renderHtmlReport(report));
  });
  return { json, markdown, html };
}

/** `evaluate --markdown-summary <file>`: the PR-comment summary (under MARKDOWN_SUMMARY_LIMIT characters). */
export function writeMarkdownSummary(report: RealismReport, path: string): string {
  makeFolder(dirname(path), '--markdown-summary folder');
  withFileSystemErrors('--markdown-summary', () => writeFileSync(path, renderMarkdownSummary(report)));
  return path;
}
