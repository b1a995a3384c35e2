import { escapeHtml } from './html-escape.js';

/** A table cell: plain text (escaped here) or HTML already built from escaped parts. */
export type HtmlCell = string | { html: string; className?: string };

function renderCell(tag: 'td' | 'th', cell: HtmlCell): string {
  if (typeof cell === 'string') return `<${tag}>${escapeHtml(cell)}</${tag}>`;
  const className = cell.className ? ` class="${escapeHtml(cell.className)}"` : '';
  return `<${tag}${className}>${cell.html}</${tag}>`;
}

/** Pure: header + rows → an HTML table. Text cells are escaped; `{ html }` cells are trusted markup. */
export function htmlTable(header: HtmlCell[], rows: HtmlCell[][], className = 'data'): string {
  const head = `<thead><tr>${header.map((cell) => renderCell('th', cell)).join('')}</tr></thead>`;
  const body = `<tbody>${rows.map((row) => `<tr>${row.map((cell) => renderCell('td', cell)).join('')}</tr>`).join('\n')}</tbody>`;
  return `<div class="scroll"><table class="${escapeHtml(className)}">${head}\n${body}</table></div>`;
}
