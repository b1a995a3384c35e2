import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealismReport } from './realism-report.js';
import { renderMarkdownReport } from './render-markdown-report.js';
import { renderHtmlReport } from './render-html-report.js';

/** The only code that touches report files. */
export function writeRealismReport(
  report: RealismReport,
  outputDirectory: string,
): { json: string; markdown: string; html: string } {
  mkdirSync(outputDirectory, { recursive: true });
  const json = join(outputDirectory, 'report.json');
  const markdown = join(outputDirectory, 'report.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdownReport(report));
  const html = join(outputDirectory, 'report.html');
  writeFileSync(html, renderHtmlReport(report));
  return { json, markdown, html };
}
