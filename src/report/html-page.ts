import { escapeHtml } from './html-escape.js';

const pageStyle = `
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1320px; margin: 0 auto; padding: 16px 28px 48px; background: white; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 34px 0 8px; border-bottom: 2px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
h4 { font-size: 14px; margin: 16px 0 4px; }
p.meta, p.note, figcaption, .small { color: #555; font-size: 12.5px; }
nav { font-size: 13px; margin: 6px 0 12px; }
nav a { margin-right: 12px; }
div.scroll { overflow-x: auto; max-width: 100%; }
table.data { border-collapse: collapse; margin: 6px 0 10px; font-size: 12.5px; }
table.data th, table.data td { border: 1px solid #ddd; padding: 3px 7px; text-align: left; vertical-align: top; }
table.data th { background: #f2f2f2; font-weight: 600; }
table.data td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.gap { background: #fde0d2; }
td.within { background: #e6f2e6; }
td.rank { font-weight: 700; font-size: 15px; text-align: center; }
.figures { display: flex; flex-wrap: wrap; gap: 14px 26px; align-items: flex-start; }
figure { margin: 6px 0; }
figure svg { max-width: 100%; height: auto; }
details { margin: 6px 0 10px; }
summary { cursor: pointer; color: #333; }
code, .path { font-family: Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
.warning { color: #8a4b00; }
.turn { margin: 3px 0 6px; max-width: 560px; }
.turn-user { border-left: 3px solid #d95f02; padding-left: 6px; }
.turn-other { border-left: 3px solid #bbb; padding-left: 6px; }
.turn-text { white-space: pre-wrap; overflow-wrap: anywhere; }
td.dialogue { min-width: 320px; }
.dimension { border-left: 4px solid #eee; padding-left: 14px; margin-top: 22px; }
`;

/** Pure: a complete, self-contained HTML document (inline CSS, no scripts, no external resources). */
export function htmlPage(title: string, bodyHtml: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // no script may run, nothing may load from the network: the page is opened from disk or a CI artifact
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${pageStyle}</style>`,
    '</head>',
    '<body><main>',
    bodyHtml,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
