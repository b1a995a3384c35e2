#!/usr/bin/env bash
# Opens report.html in headless Chromium: takes a screenshot, checks that every chart rendered, and that no
# script hidden in report data runs (a hostile copy of the report, with <script> and <img onerror> in set
# names, is rendered WITHOUT its Content-Security-Policy, so only HTML escaping stands between it and the browser).
#
# usage: scripts/check-report-in-browser.sh [report folder with report.json] [screenshot.png]
#   defaults: reports/demo and docs/report-screenshot.png
# Installs Debian's chromium with apt-get when it is missing (needs root). Exit 0 = all checks passed.
set -euo pipefail
cd "$(dirname "$0")/.."
report_dir="${1:-reports/demo}"
screenshot="${2:-docs/report-screenshot.png}"

if ! command -v chromium >/dev/null 2>&1; then
  echo "check-report-in-browser: installing chromium (apt-get)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
[ -f dist/src/report/render-html-report.js ] || npm run build >/dev/null
[ -f "$report_dir/report.json" ] || { echo "check-report-in-browser: expected $report_dir/report.json, found none (run realsim evaluate first)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# re-render report.html from report.json (the page under test) and write the hostile copy
node --input-type=module - "$report_dir/report.json" "$work" <<'NODE'
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
const { renderHtmlReport } = await import(resolve('dist/src/report/render-html-report.js'));
const [reportPath, work] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
writeFileSync(join(work, 'report.html'), renderHtmlReport(report));
const scriptName = `<script>document.body.appendChild(document.createElement('xss-'+'script-ran'))</script>`;
const imageName = `<img src=x onerror="document.body.appendChild(document.createElement('xss-'+'img-ran'))">`;
const rename = (name) => (name === report.comparisons[0]?.simulated ? scriptName : name);
const hostile = {
  ...report,
  comparisons: report.comparisons.map((row) => ({ ...row, simulated: rename(row.simulated) })),
  inputs: report.inputs.map((row) => ({ ...row, set: rename(row.set), files: row.files.map((file) => ({ ...file, path: imageName })) })),
  summary: report.summary.map((row) => ({ ...row, set: rename(row.set) })),
  distributions: report.distributions.map((row) => ({ ...row, set: rename(row.set) })),
  histograms: report.histograms?.map((row) => ({ ...row, set: rename(row.set) })),
  distances: report.distances.map((row) => ({ ...row, simulated: rename(row.simulated) })),
  correlations: report.correlations.map((row) => ({ ...row, simulated: rename(row.simulated) })),
  dimensions: report.dimensions.map((row) => ({ ...row, description: `${row.description} ${imageName} [markdown link](javascript:alert(1))` })),
  warnings: [...report.warnings, imageName],
  // dialogue text of the least-realistic list: the first listed dialogue gets a hostile id and a hostile turn
  realismExtremes: report.realismExtremes?.map((row, index) => ({
    ...row,
    simulated: rename(row.simulated),
    ...(index === 0 ? { simulatedDialogue: { ...row.simulatedDialogue, dialogueId: imageName, turns: [{ role: 'user', text: scriptName, cut: false }, ...row.simulatedDialogue.turns] } } : {}),
  })),
};
// drop the CSP so that escaping alone must stop the scripts
const page = renderHtmlReport(hostile).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
writeFileSync(join(work, 'hostile.html'), page);
NODE

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>/dev/null
}
mkdir -p "$(dirname "$screenshot")"
chrome --screenshot="$screenshot" --window-size=1400,4000 "file://$work/report.html" >/dev/null
chrome --dump-dom "file://$work/report.html" > "$work/report.dom"
chrome --virtual-time-budget=2000 --dump-dom "file://$work/hostile.html" > "$work/hostile.dom"

status=0
figures=$(grep -o '<figure class="chart">' "$work/report.html" | wc -l)
rendered=$(grep -o '<svg[^>]*class="marks"' "$work/report.dom" | wc -l)
if [ "$figures" -gt 0 ] && [ "$figures" -eq "$rendered" ]; then
  echo "ok: $rendered of $figures charts are svg elements in the browser's DOM"
else
  echo "FAIL: $rendered of $figures charts rendered as svg" >&2; status=1
fi
if grep -q -e '<xss-script-ran' -e '<xss-img-ran' "$work/hostile.dom"; then
  echo "FAIL: a script from report data ran in the browser" >&2; status=1
else
  echo "ok: no script from report data ran (hostile page, CSP removed)"
fi
if grep -q '&lt;script&gt;document.body.appendChild' "$work/hostile.dom" && grep -q '&lt;img src=x onerror=' "$work/hostile.dom"; then
  echo "ok: the hostile names are shown as text"
else
  echo "FAIL: the hostile names are not shown as escaped text" >&2; status=1
fi
least=$(grep -o '<h4>[0-9]* least realistic</h4>' "$work/report.dom" | wc -l)
paired=$(grep -o 'real: <span class="path">' "$work/report.dom" | wc -l)
if [ "$least" -gt 0 ] && [ "$paired" -gt 0 ]; then
  echo "ok: the least-realistic list is shown ($least lists, $paired paired real dialogues beside them)"
else
  echo "FAIL: no least-realistic list with paired real dialogues in the page" >&2; status=1
fi
[ -s "$screenshot" ] && echo "ok: screenshot $screenshot ($(wc -c < "$screenshot") bytes)" || { echo "FAIL: no screenshot" >&2; status=1; }
exit $status
