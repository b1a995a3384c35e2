import type { DistanceRow } from '../core/report-rows.js';
import { categoryShareChartSpec } from './chart-category-shares.js';
import { distanceIntervalChartSpec } from './chart-distance-intervals.js';
import { HEATMAP_CAP_QUANTILE, HEATMAP_MINIMUM_CAP } from './heatmap-colour-scale.js';
import { heatmapChartSpec } from './chart-heatmap.js';
import { NUMERIC_EXAMPLE_RULE, type NumericGapExampleDialogue as NumericGapExample } from '../measure/select-numeric-gap-examples.js';
import { REALISM_EXTREME_COUNT, extremeTurnLimit, type RealismExtremeDialogue } from './select-realism-extremes.js';
import { numericSummaryChartSpec } from './chart-numeric-summary.js';
import { numericHistogramChartSpec } from './chart-numeric-histogram.js';
import { renderChartToSvg, type VegaLiteSpec } from './chart-to-svg.js';
import { escapeHtml } from './html-escape.js';
import { LEADERBOARD_RANK_RULE, buildLeaderboard, distanceOverNoiseFloor, headlineMeasures } from './html-leaderboard.js';
import { htmlPage } from './html-page.js';
import { LEADERBOARD_RULE } from './build-leaderboard.js';
import { htmlTable, type HtmlCell } from './html-table.js';
import type { RealismReport } from './realism-report.js';
import { ANNOTATOR_FLAG_RULE, annotatorFlagsOf } from './flag-annotators-below-baseline.js';
import { ANNOTATOR_FLAG_MARK, PREVALENCE_CORRECTION_SENTENCE, annotatorErrorText, correctedTurnCell, distanceDecimals, formatNumber, intervalWithLevel, shortBackendName, verdictOf } from './render-markdown-report.js';

/**
 * Pure: report.json → report.html, one self-contained page for people. No script, no network: charts are
 * vega-lite specs rendered to inline SVG here, tables are plain HTML, and every string from the report
 * (set names, paths, descriptions, warnings) is HTML-escaped. Works from report.json rows only, so its
 * cost does not grow with the number of dialogues. Same report → same bytes.
 */
export function renderHtmlReport(report: RealismReport): string {
  const charts = new ChartCounter();
  const sections = [
    headerSection(report),
    leaderboardSection(report),
    dimensionSections(report, charts),
    domainSections(report, charts),
    twoSampleSection(report),
    coverageSection(report),
    examplesSection(report),
    realismExtremesSection(report),
    realSetSections(report, charts),
    validitySection(report),
    inputsSection(report),
    warningsSection(report),
    statisticsSection(report),
  ];
  return htmlPage('realsim realism report', sections.filter((section) => section.length > 0).join('\n'));
}

class ChartCounter {
  private count = 0;
  /** A figure holding the chart's inline SVG and a caption (escaped text). */
  figure(spec: VegaLiteSpec, caption: string): string {
    this.count += 1;
    const svg = renderChartToSvg(spec, `chart${this.count}`);
    return `<figure class="chart">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  }
}

const text = escapeHtml;

function numberCell(value: number | null | undefined, decimals = 2): HtmlCell {
  return { html: text(formatNumber(value, decimals)), className: 'number' };
}

function unitOf(row: DistanceRow): string {
  return row.metric === 'wasserstein1' ? `Wasserstein-1, ${row.unit}` : row.unit;
}

function comparisonLabel(comparison: { real: string; simulated: string }): string {
  return `${comparison.simulated} vs ${comparison.real}`;
}

function intervalText(row: { ciLow: number | null; ciHigh: number | null; intervalLevel?: number | null; metric?: string }): string {
  return intervalWithLevel(row);
}

/** The cells from the verdict to the backend, shared by the dimension and the per-domain distance tables. */
function verdictToBackendCells(row: DistanceRow): HtmlCell[] {
  return [
    verdictCell(row),
    numberCell(row.pValue, 3),
    numberCell(row.qValue, 3),
    { html: `${text(String(row.nReal))} / ${text(String(row.nSimulated))}`, className: 'number' },
    unitOf(row),
    shortBackendName(row.backend),
  ];
}

function verdictCell(row: DistanceRow): HtmlCell {
  const verdict = verdictOf(row);
  const flag = row.annotatorFlag === undefined ? '' : `<br><span class="warning annotator-flag" title="${text(row.annotatorFlag)}">${text(ANNOTATOR_FLAG_MARK)}</span>`;
  return { html: text(verdict) + flag, className: verdict === 'gap' ? 'gap' : verdict === 'within noise' || verdict === 'no detectable gap' ? 'within' : '' };
}

function dimensionAnchor(report: RealismReport, dimension: string): string {
  const index = report.dimensions.findIndex((candidate) => candidate.id === dimension);
  return `dimension-${index === -1 ? 'unknown' : index + 1}`;
}

function headerSection(report: RealismReport): string {
  const statistics = report.statistics;
  const navigation = [
    ['leaderboard', 'Leaderboard'],
    ['dimensions', 'Dimensions'],
    ['domains', 'Domains'],
    ['two-sample', 'Two-sample test'],
    ['coverage', 'Tag coverage'],
    ['examples', 'Examples'],
    ['dialogue-realism', 'Least / most realistic dialogues'],
    ['real-sets', 'Real sets by domain'],
    ['validity', 'Annotator validity'],
    ['inputs', 'Inputs'],
    ['warnings', 'Warnings'],
    ['statistics', 'Statistics'],
  ];
  return [
    '<h1>realsim realism report</h1>',
    `<p class="meta">realsim ${text(report.tool.version)} · report schema ${text(report.schemaVersion)} · seed ${text(String(report.seed))} · ` +
      `${text(String(statistics.bootstrapResamples))} bootstrap resamples · ${text(String(Math.round(statistics.confidenceLevel * 100)))}% intervals · ` +
      `noise floor = median of ${text(String(statistics.noiseFloorSplits))} real-vs-real half splits · small sample &lt; ${text(String(statistics.smallSampleThreshold))} dialogues</p>`,
    `<nav>${navigation.map(([anchor, label]) => `<a href="#${anchor}">${text(label ?? '')}</a>`).join('')}</nav>`,
    '<p class="note">Distances: total variation distance × 100 for categories (0 = same distribution, 100 = disjoint), Wasserstein-1 in the measure\'s own unit for numbers, ' +
      'centroid cosine similarity for embeddings (1 = same direction; lower = further). "corrected" removes the plug-in\'s upward bias; a "gap" is a row with q ≤ 0.05, which is exactly when its interval leaves out 0 (cosine: 1). ' +
      'This page has no scripts and loads nothing: charts are SVG drawn when the report was written.</p>',
  ].join('\n');
}

function leaderboardSection(report: RealismReport): string {
  const entries = buildLeaderboard(report);
  const headlines = headlineMeasures(report);
  if (entries.length === 0) return '<h2 id="leaderboard">Leaderboard</h2>\n<p>No simulator was compared in this run.</p>';
  const headerCells: HtmlCell[] = [
    'overall rank',
    'simulator vs real set',
    ...headlines.map(({ dimension, measure }): HtmlCell => {
      const sample = report.distances.find((row) => row.dimension === dimension && row.measure === measure && row.domain === 'all');
      const unit = sample ? unitOf(sample) : '';
      const backend = sample ? shortBackendName(sample.backend) : '';
      return {
        html: `<a href="#${dimensionAnchor(report, dimension)}">${text(dimension)}</a><br><span class="small">${text(measure)} · ${text(unit)} · ${text(backend)}</span>`,
      };
    }),
    'mean rank',
    'mean distance ÷ noise floor',
    { html: 'two-sample AUC<br><span class="small">[95% interval] · 0.5 = indistinguishable</span>' },
  ];
  const rows = entries.map((entry): HtmlCell[] => [
    { html: text(String(entry.overallRank)), className: 'rank' },
    { html: `${text(comparisonLabel(entry))}<br><span class="small">${entry.paired ? `paired on ${text(String(entry.pairs))} scenarios` : 'unpaired'}</span>` },
    ...entry.cells.map((cell): HtmlCell => {
      const row = cell.row;
      if (!row) return '–';
      const verdict = verdictOf(row);
      return {
        html:
          `<b>${text(formatNumber(row.value))}</b> <span class="small">[${text(intervalText(row))}]</span><br>` +
          `<span class="small">noise floor ${text(formatNumber(row.noiseFloor))} · ÷floor ${text(formatNumber(cell.ratio, 1))} · rank ${text(formatNumber(cell.rank, 1))} · ${text(verdict)}</span>` +
          (row.annotatorFlag === undefined ? '' : `<br><span class="warning annotator-flag" title="${text(row.annotatorFlag)}">${text(ANNOTATOR_FLAG_MARK)}</span>`),
        className: verdict === 'gap' ? 'gap' : verdict === 'within noise' || verdict === 'no detectable gap' ? 'within' : '',
      };
    }),
    numberCell(entry.meanRank),
    numberCell(entry.meanRatio),
    aucCell(report, entry),
  ]);
  const overall = report.leaderboard ?? [];
  const overallTable =
    overall.length === 0
      ? ''
      : htmlTable(
          ['rank', { html: 'rank interval<br><span class="small">95%</span>' }, 'simulator vs real set', { html: 'score<br><span class="small">noise floors · [95% interval]</span>' }, 'closer to real than (P ≥ 0.975)', 'P(closer than each other simulator)'],
          overall.map((row): HtmlCell[] => [
            { html: text(String(row.rank)), className: 'rank' },
            { html: text(row.rankLow === row.rankHigh ? String(row.rankLow) : `${row.rankLow}–${row.rankHigh}`), className: 'number' },
            comparisonLabel(row),
            { html: `<b>${text(formatNumber(row.score))}</b> <span class="small">[${text(formatNumber(row.ciLow))} – ${text(formatNumber(row.ciHigh))}]</span>`, className: 'number' },
            row.closerThan.length === 0 ? '–' : row.closerThan.join(', '),
            row.pairwise.length === 0 ? '–' : row.pairwise.map((entry) => `${entry.simulated}: ${formatNumber(entry.probabilityCloser)}`).join('; '),
          ]),
        ) + `<p class="note">${text(LEADERBOARD_RULE)}</p>`;
  return [
    '<h2 id="leaderboard">Leaderboard</h2>',
    overallTable,
    `<p class="note">One row per simulator compared with a real set; one column per dimension's headline distance (the measure the dimension declares as its headline), ` +
      `shown as distance [${text(String(Math.round(report.statistics.confidenceLevel * 100)))}% interval], with the real-vs-real noise floor in the same unit. ${text(LEADERBOARD_RANK_RULE)}</p>`,
    htmlTable(headerCells, rows),
  ].join('\n');
}

function twoSampleRowOf(report: RealismReport, comparison: { real: string; simulated: string }) {
  return report.twoSampleTests?.find((row) => row.real === comparison.real && row.simulated === comparison.simulated);
}

function aucCell(report: RealismReport, comparison: { real: string; simulated: string }): HtmlCell {
  const row = twoSampleRowOf(report, comparison);
  if (!row || row.auc === null) return '–';
  return {
    html: `<b>${text(formatNumber(row.auc, 3))}</b> <span class="small">[${text(formatNumber(row.ciLow, 3))} – ${text(formatNumber(row.ciHigh, 3))}]</span>`,
    className: 'number',
  };
}

function setsOfRealSet(report: RealismReport, real: string): string[] {
  return [real, ...report.comparisons.filter((comparison) => comparison.real === real).map((comparison) => comparison.simulated)];
}

function realSetsCompared(report: RealismReport): string[] {
  return [...new Set(report.comparisons.map((comparison) => comparison.real))];
}

function dimensionSections(report: RealismReport, charts: ChartCounter): string {
  const parts = ['<h2 id="dimensions">Dimensions</h2>'];
  for (const dimension of report.dimensions) {
    const rows = report.distances.filter((row) => row.dimension === dimension.id && row.domain === 'all');
    const measureOrder = dimension.measures.map((measure) => measure.id);
    rows.sort((a, b) => measureOrder.indexOf(a.measure) - measureOrder.indexOf(b.measure));
    const section: string[] = [
      `<section class="dimension" id="${dimensionAnchor(report, dimension.id)}">`,
      `<h3>${text(dimension.title)} <span class="small">(${text(dimension.id)} · ${text(dimension.level)})</span></h3>`,
      `<p>${text(dimension.description)}</p>`,
      `<p class="small">Backend: <code>${text(dimension.backend)}</code></p>`,
    ];
    const validity = report.annotatorValidity?.find((row) => row.dimension === dimension.id);
    if (validity) {
      section.push(
        `<p class="small">Annotator validity on ${text(String(validity.matchedTurns))} hand-labelled user turns (${text(validity.labels)}): ` +
          `micro-F1 ${text(formatNumber(validity.microF1, 3))}, macro-F1 ${text(formatNumber(validity.macroF1, 3))} ` +
          `(majority baseline ${text(formatNumber(validity.majorityBaselineMicroF1, 3))} / ${text(formatNumber(validity.majorityBaselineMacroF1, 3))}).</p>`,
      );
    }
    if (rows.length > 0) {
      section.push(
        htmlTable(
          ['measure', 'comparison', 'real mean', 'simulated mean', 'distance (plug-in)', 'corrected', 'interval (level)', 'min. detectable', 'noise floor', '÷ floor', 'annotator error', 'verdict', 'p (permutation)', 'q (BH)', 'dialogues real / sim', 'unit', 'backend', 'warnings'],
          rows.map((row) => [
            row.measure,
            comparisonLabel(row),
            numberCell(row.meanReal),
            numberCell(row.meanSimulated),
            numberCell(row.value, distanceDecimals(row)),
            numberCell(row.corrected ?? null, distanceDecimals(row)),
            { html: text(intervalText(row)), className: 'number' },
            numberCell(row.minimumDetectable ?? null, distanceDecimals(row)),
            numberCell(row.noiseFloor, distanceDecimals(row)),
            numberCell(distanceOverNoiseFloor(row), 1),
            { html: text(annotatorErrorText(row)), className: 'number' },
            ...verdictToBackendCells(row),
            { html: row.warnings.map((warning) => `<span class="warning">${text(warning)}</span>`).join('<br>') },
          ]),
        ),
      );
    }
    const figures: string[] = [];
    const correctedShareTables: string[] = [];
    const intervalRows = rows.flatMap((row) =>
      row.value === null || row.ciLow === null || row.ciHigh === null
        ? []
        : [{ measure: `${row.measure} (${unitOf(row)})`, comparison: comparisonLabel(row), value: row.value, ciLow: row.ciLow, ciHigh: row.ciHigh, noiseFloor: row.noiseFloor }],
    );
    if (intervalRows.length > 0) {
      figures.push(
        charts.figure(
          distanceIntervalChartSpec({
            title: `${dimension.id}: distance, interval and noise floor`,
            subtitle: 'dot = distance, line = interval, red tick = real-vs-real noise floor',
            measures: [...new Set(intervalRows.map((row) => row.measure))],
            rows: intervalRows,
          }),
          `Distances of ${dimension.id} over all domains, each panel in its measure's unit; backend ${shortBackendName(dimension.backend)}.`,
        ),
      );
    }
    for (const real of realSetsCompared(report)) {
      const sets = setsOfRealSet(report, real);
      for (const measure of dimension.measures) {
        if (measure.scale === 'categorical') {
          const shareRows = report.distributions.filter(
            (row) => row.domain === 'all' && row.dimension === dimension.id && row.measure === measure.id && sets.includes(row.set),
          );
          if (shareRows.length === 0) continue;
          const categories = [...new Set([...measure.categories, ...(measure.includesNone ? ['none'] : []), ...shareRows.map((row) => row.category)])].filter(
            (category) => shareRows.some((row) => row.category === category),
          );
          figures.push(
            charts.figure(
              categoryShareChartSpec({
                title: `${dimension.id} · ${measure.id}`,
                subtitle: `share of ${measure.unitOfMass}s per category (%)`,
                unitOfMass: measure.unitOfMass,
                sets,
                categories,
                rows: shareRows.map((row) => ({ set: row.set, category: row.category, sharePercent: row.sharePercent })),
              }),
              `Share of ${measure.unitOfMass}s in each category, all domains; ${measure.includesNone ? '"none" category included' : 'no "none" category'}; backend ${shortBackendName(dimension.backend)}.`,
            ),
          );
          if (shareRows.some((row) => row.correctedTurnPercent !== undefined)) {
            correctedShareTables.push(
              `<h4>${escapeHtml(`${dimension.id} · ${measure.id}`)}: raw and prevalence-corrected shares</h4>` +
                htmlTable(
                  ['category', ...sets.flatMap((set) => [`${set} raw %`, `${set} corrected, % of turns`])],
                  categories.map((category) => [
                    category,
                    ...sets.flatMap((set) => {
                      const row = shareRows.find((candidate) => candidate.set === set && candidate.category === category);
                      return [row ? formatNumber(row.sharePercent, 1) : '', correctedTurnCell(row)];
                    }),
                  ]),
                ) +
                `<p class="note">${escapeHtml(PREVALENCE_CORRECTION_SENTENCE)}</p>`,
            );
          }
        } else if (measure.scale === 'numeric') {
          const summaryRows = sets.flatMap((set) => {
            const row = report.summary.find((candidate) => candidate.set === set && candidate.domain === 'all' && candidate.dimension === dimension.id && candidate.measure === measure.id);
            return row && row.mean !== null ? [{ set, mean: row.mean, median: row.median }] : [];
          });
          if (summaryRows.length === 0) continue;
          const histogram = numericHistogramFigure(report, charts, dimension, measure, sets, summaryRows);
          if (histogram !== null) {
            figures.push(histogram);
            continue;
          }
          figures.push(
            charts.figure(
              numericSummaryChartSpec({ title: `${dimension.id} · ${measure.id}`, subtitle: measure.unit, unit: measure.unit, sets, rows: summaryRows }),
              `Per-dialogue mean (bar) and median (black tick) in ${measure.unit}, all domains; report.json keeps means and medians, not whole distributions; backend ${shortBackendName(dimension.backend)}.`,
            ),
          );
        }
      }
    }
    if (figures.length > 0) section.push(`<div class="figures">${figures.join('\n')}</div>`);
    section.push(...correctedShareTables);
    section.push('</section>');
    parts.push(section.join('\n'));
  }
  return parts.join('\n');
}

/**
 * Overlaid histograms of one numeric measure (report.histograms, domain "all") for a real set and its
 * simulators, with means and medians in the caption; null when the report has no histogram rows for it
 * (reports written before histograms existed fall back to the mean/median bars).
 */
function numericHistogramFigure(
  report: RealismReport,
  charts: ChartCounter,
  dimension: RealismReport['dimensions'][number],
  measure: { id: string; unit: string },
  sets: string[],
  summaryRows: Array<{ set: string; mean: number; median: number | null }>,
): string | null {
  const binRows = (report.histograms ?? []).filter((row) => row.dimension === dimension.id && row.measure === measure.id && sets.includes(row.set));
  if (binRows.length === 0) return null;
  const firstSet = binRows[0]?.set;
  const bins = binRows.filter((row) => row.set === firstSet);
  const lowest = bins[0];
  const highest = bins[bins.length - 1];
  const binning =
    lowest && highest
      ? `${bins.length} equal-width bin${bins.length === 1 ? '' : 's'} from ${formatNumber(lowest.binLow)} to ${formatNumber(highest.binHigh)} ${measure.unit} (from the pooled 1st–99th percentile of the compared sets; whole-number edges for counts), shared by the sets compared with each other; ` +
        `the first bin also holds values below ${formatNumber(lowest.binLow)} and the last bin values at or above ${formatNumber(highest.binHigh)}`
      : '';
  const means = summaryRows.map((row) => `${row.set} ${formatNumber(row.mean)} / ${formatNumber(row.median)}`).join('; ');
  return charts.figure(
    numericHistogramChartSpec({
      title: `${dimension.id} · ${measure.id}`,
      subtitle: `share of dialogues per bin (%), ${measure.unit}`,
      unit: measure.unit,
      sets,
      rows: binRows.map((row) => ({ set: row.set, binLow: row.binLow, binHigh: row.binHigh, sharePercent: row.sharePercent })),
    }),
    `Histogram of per-dialogue ${measure.unit}, all domains: ${binning}. Mean / median per set: ${means}. Backend ${shortBackendName(dimension.backend)}.`,
  );
}

function domainSections(report: RealismReport, charts: ChartCounter): string {
  const parts = ['<h2 id="domains">Domains</h2>'];
  const threshold = report.statistics.smallSampleThreshold;
  const headlines = headlineMeasures(report);
  for (const comparison of report.comparisons) {
    parts.push(`<h3>${text(comparisonLabel(comparison))}</h3>`);
    const domainRows = report.distances.filter(
      (row) => row.real === comparison.real && row.simulated === comparison.simulated && row.domain !== 'all',
    );
    const domains = [...new Set(domainRows.map((row) => row.domain))].sort((a, b) => a.localeCompare(b, 'en'));
    if (domains.length === 0) {
      parts.push('<p>No per-domain distances in this comparison.</p>');
    } else {
      const columns = headlines.map(({ dimension, measure }) => `${dimension}.${measure}`);
      const cells = domains.flatMap((domain) =>
        headlines.map(({ dimension, measure }) => {
          const row = domainRows.find((candidate) => candidate.domain === domain && candidate.dimension === dimension && candidate.measure === measure);
          const small = row ? row.nReal < threshold || row.nSimulated < threshold : false;
          return {
            row: domain,
            column: `${dimension}.${measure}`,
            color: row ? distanceOverNoiseFloor(row) : null,
            label: row ? `${formatNumber(row.value)}${small ? ' *' : ''}${verdictOf(row) === 'gap' ? ' gap' : ''}` : '–',
            gap: row !== undefined && verdictOf(row) === 'gap',
          };
        }),
      );
      const smallDomains = domains.filter((domain) =>
        domainRows.some((row) => row.domain === domain && (row.nReal < threshold || row.nSimulated < threshold)),
      );
      parts.push(
        `<div class="figures">${charts.figure(
          heatmapChartSpec({
            title: 'distance by domain × dimension (headline measures)',
            subtitle: ['cell text = distance in its measure\'s unit (see the leaderboard); colour = distance ÷ that domain\'s noise floor', 'bold with a black border and "gap" = the row\'s verdict is gap (q ≤ 0.05)'],
            rowTitle: 'domain',
            columnTitle: 'dimension.measure',
            colorTitle: 'distance ÷ noise floor',
            rows: domains,
            columns,
            cells,
          }),
          `Per-domain headline distances of ${comparisonLabel(comparison)}. * = small domain (fewer than ${threshold} dialogues in a set); grey = no value; "gap" = q ≤ 0.05. ` +
            `The colour scale is capped at the ${HEATMAP_CAP_QUANTILE * 100}th percentile of the cells (at least ${HEATMAP_MINIMUM_CAP} noise floors), so one extreme cell does not wash out the rest; text is black or white, whichever contrasts more with its cell.`,
        )}</div>`,
      );
      if (smallDomains.length > 0) {
        parts.push(`<p class="warning">Small domains (fewer than ${text(String(threshold))} dialogues in the real or simulated set): ${text(smallDomains.join(', '))}.</p>`);
      }
      const domainTableRows = [...domainRows].sort(
        (a, b) => a.domain.localeCompare(b.domain, 'en') || a.dimension.localeCompare(b.dimension, 'en') || a.measure.localeCompare(b.measure, 'en'),
      );
      parts.push(
        `<details><summary>All ${text(String(domainTableRows.length))} per-domain distances (table)</summary>` +
          htmlTable(
            ['domain', 'dimension', 'measure', 'distance (plug-in)', 'corrected', 'interval (level)', 'min. detectable', 'noise floor', 'verdict', 'p', 'q (BH)', 'dialogues real / sim', 'unit', 'backend'],
            domainTableRows.map((row) => [
              row.domain,
              row.dimension,
              row.measure,
              numberCell(row.value, distanceDecimals(row)),
              numberCell(row.corrected ?? null, distanceDecimals(row)),
              { html: text(intervalText(row)), className: 'number' },
              numberCell(row.minimumDetectable ?? null, distanceDecimals(row)),
              numberCell(row.noiseFloor, distanceDecimals(row)),
              ...verdictToBackendCells(row),
            ]),
          ) +
          '</details>',
      );
    }
    const correlations = report.correlations.filter((row) => row.real === comparison.real && row.simulated === comparison.simulated);
    if (correlations.length > 0) {
      const computed = correlations.filter((row) => row.r !== null);
      const notComputed = correlations.filter((row) => row.r === null);
      const correlationTable = (rows: typeof correlations) =>
        htmlTable(
          ['dimension', 'measure', 'category', 'profile', 'domains', 'Pearson r', 'interval', 'backend', 'notes'],
          rows.map((row) => [
            row.dimension,
            row.measure,
            row.category || '–',
            row.profile,
            { html: text(String(row.domains)), className: 'number' },
            numberCell(row.r),
            { html: text(intervalText(row)), className: 'number' },
            shortBackendName(row.backend),
            row.warnings.join('; '),
          ]),
        );
      parts.push('<h4>Across domains: Pearson r of per-domain profiles (real vs simulated)</h4>');
      parts.push('<p class="note">r near 1: the simulator rises and falls across domains the way real users do; r (unitless) is computed over domains with data in both sets.</p>');
      if (computed.length > 0) parts.push(correlationTable(computed));
      if (notComputed.length > 0) {
        const reasons = [...new Set(notComputed.flatMap((row) => row.warnings))];
        parts.push(
          `<details><summary>${text(String(notComputed.length))} correlations not computed${reasons.length > 0 ? `: ${text(reasons.join('; '))}` : ''}</summary>${correlationTable(notComputed)}</details>`,
        );
      }
    }
  }
  return parts.join('\n');
}

function twoSampleSection(report: RealismReport): string {
  const rows = report.twoSampleTests ?? [];
  const parts = ['<h2 id="two-sample">Classifier two-sample test</h2>'];
  if (rows.length === 0) return `${parts[0]}\n<p>No simulator was compared in this run.</p>`;
  parts.push(
    `<p class="note">Can a classifier tell a simulator's dialogues from real ones using only their annotations? ${text(rows[0]?.method ?? '')}. ` +
      `Unit: ${text(rows[0]?.unit ?? '')}. Positive coefficients mark features typical of the simulator.</p>`,
    htmlTable(
      ['comparison', 'AUC', 'interval', 'per-fold AUC', 'dialogues real / sim', 'features', 'strongest features (standardized coefficient)', 'notes'],
      rows.map((row) => [
        comparisonLabel(row),
        numberCell(row.auc, 3),
        { html: text(`${formatNumber(row.ciLow, 3)} – ${formatNumber(row.ciHigh, 3)}`), className: 'number' },
        { html: text(row.foldAucs.map((value) => formatNumber(value, 2)).join(', ')), className: 'number' },
        { html: `${text(String(row.nReal))} / ${text(String(row.nSimulated))}`, className: 'number' },
        {
          html: `<details><summary>${text(String(row.features.length))}</summary>${row.features.map((feature) => `<div class="path">${text(feature)}</div>`).join('')}</details>`,
        },
        { html: row.topFeatures.map((entry) => `${text(entry.feature)} (${text(`${entry.coefficient > 0 ? '+' : ''}${formatNumber(entry.coefficient, 2)}`)})`).join('<br>') },
        { html: row.warnings.map((warning) => `<span class="warning">${text(warning)}</span>`).join('<br>') },
      ]),
    ),
    `<p class="small">Features from: ${text(rows[0]?.backend ?? '')}</p>`,
  );
  return parts.join('\n');
}

function coverageSection(report: RealismReport): string {
  const rows = report.coverage ?? [];
  const heading = '<h2 id="coverage">Tag coverage</h2>';
  const note =
    '<p class="note">Rarely produced: real users give the tag at least 2% of the measure\'s mass and the simulator under a quarter of that share. ' +
    'Invented: the simulator gives it at least 2% and real users under a quarter of that. Shares are over all dialogues of each set, in percent of the measure\'s unit of mass.</p>';
  if (rows.length === 0) return [heading, note, '<p>No tag meets either rule.</p>'].join('\n');
  return [
    heading,
    note,
    htmlTable(
      ['comparison', 'dimension', 'measure', 'tag', 'finding', 'real % (count)', 'simulated % (count)', 'share of', 'backend'],
      rows.map((row) => [
        comparisonLabel(row),
        row.dimension,
        row.measure,
        row.category,
        { html: text(row.kind === 'rarely_produced' ? 'rarely produced' : 'invented'), className: 'gap' },
        { html: text(`${formatNumber(row.realSharePercent, 1)} (${row.realCount})`), className: 'number' },
        { html: text(`${formatNumber(row.simulatedSharePercent, 1)} (${row.simulatedCount})`), className: 'number' },
        `${row.unitOfMass}s`,
        shortBackendName(row.backend),
      ]),
    ),
  ].join('\n');
}

/** Turns longer than this are folded into a <details> block, showing their first characters. */
const FOLDED_TURN_CHARACTERS = 600;

function turnHtml(turn: RealismExtremeDialogue['turns'][number]): string {
  const role = `<span class="small">${text(turn.role)}</span>`;
  const cut = turn.cut ? ` <span class="small">(cut to ${text(String(extremeTurnLimit(turn.role)))} characters)</span>` : '';
  if (turn.text.length <= FOLDED_TURN_CHARACTERS) return `<div class="turn turn-${turn.role === 'user' ? 'user' : 'other'}">${role}<div class="turn-text">${text(turn.text)}</div>${cut}</div>`;
  return (
    `<div class="turn turn-${turn.role === 'user' ? 'user' : 'other'}">${role}<details><summary>${text(turn.text.slice(0, 160))}… ` +
    `<span class="small">(${text(String(turn.text.length))} characters: open)</span></summary><div class="turn-text">${text(turn.text)}</div></details>${cut}</div>`
  );
}

function extremeDialogueHtml(dialogue: RealismExtremeDialogue | null, side: string): string {
  if (dialogue === null) return `<p class="small">No ${text(side)} dialogue shares this scenario.</p>`;
  const scenario = dialogue.scenarioId === null ? '' : ` · scenario <span class="path">${text(dialogue.scenarioId)}</span>`;
  return (
    `<p class="small">${text(side)}: <span class="path">${text(dialogue.dialogueId)}</span> (${text(dialogue.set)}) · domain ${text(dialogue.domain)}${scenario} · ` +
    `P(real) ${text(formatNumber(dialogue.realism, 3))}</p>` +
    dialogue.turns.map(turnHtml).join('') +
    (dialogue.turnsLeftOut > 0 ? `<p class="small">… ${text(String(dialogue.turnsLeftOut))} more turns</p>` : '')
  );
}

function realismExtremesSection(report: RealismReport): string {
  const rows = report.realismExtremes ?? [];
  const parts = [
    '<h2 id="dialogue-realism">Least and most realistic simulated dialogues</h2>',
    `<p class="note">Realism = the out-of-fold probability of "real" that the two-sample test's classifier gives a dialogue (fitted on the folds without it; all scores are in report.json's dialogueScores and <code>realsim scores report.json</code>). ` +
      `Per comparison the ${text(String(REALISM_EXTREME_COUNT))} simulated dialogues the classifier finds least and most real, each beside the real dialogue of its scenario. Text is escaped; turns over ${text(String(FOLDED_TURN_CHARACTERS))} characters are folded.</p>`,
  ];
  if (rows.length === 0) {
    parts.push('<p>No dialogue was scored (no two-sample test with a value in this report).</p>');
    return parts.join('\n');
  }
  for (const comparison of report.comparisons) {
    const ofComparison = rows.filter((row) => row.real === comparison.real && row.simulated === comparison.simulated);
    if (ofComparison.length === 0) continue;
    parts.push(`<h3>${text(comparisonLabel(comparison))}</h3>`);
    for (const which of ['least realistic', 'most realistic'] as const) {
      const listed = ofComparison.filter((row) => row.which === which);
      if (listed.length === 0) continue;
      parts.push(
        `<h4>${text(String(listed.length))} ${text(which)}</h4>`,
        htmlTable(
          ['rank', 'simulated dialogue', 'paired real dialogue'],
          listed.map((row): HtmlCell[] => [
            { html: text(String(row.rank)), className: 'rank' },
            { html: extremeDialogueHtml(row.simulatedDialogue, 'simulated'), className: 'dialogue' },
            { html: extremeDialogueHtml(row.pairedReal, 'real'), className: 'dialogue' },
          ]),
        ),
      );
    }
  }
  return parts.join('\n');
}

function numericExamplesHtml(report: RealismReport): string {
  const rows = report.numericExamples ?? [];
  if (rows.length === 0) return '';
  const exampleCells = (example: NumericGapExample, label: string): HtmlCell[] => [
    `${label} (${example.set})`,
    { html: `<span class="path">${text(example.dialogueId)}</span> · ${text(String(example.userTurn))}` },
    numberCell(example.value),
    {
      html:
        `<div style="white-space: pre-wrap; max-width: 760px">${text(example.text)}</div>` +
        (example.truncated ? `<span class="small">cut: ${text(String(example.characters))} characters in full</span>` : ''),
    },
  ];
  return [
    '<h3 id="numeric-examples">Examples behind numeric gaps</h3>',
    `<p class="note">${text(NUMERIC_EXAMPLE_RULE)}</p>`,
    ...rows.map(
      (row) =>
        `<h4>${text(comparisonLabel(row))} · ${text(row.dimension)} · ${text(row.measure)} · ${text(row.domain)}</h4>` +
        `<p class="small">Wasserstein-1 = ${text(formatNumber(row.value))} ${text(row.unit)}; mean ${text(formatNumber(row.meanReal))} real vs ${text(formatNumber(row.meanSimulated))} simulated (simulator ${text(row.direction)}).</p>` +
        htmlTable(['example', 'dialogue · user turn', { html: `value<br><span class="small">${text(row.unit)}</span>` }, 'longest user turn'], [
          exampleCells(row.simulatedExtreme, `most ${row.direction === 'higher' ? 'high' : 'low'} simulated`),
          exampleCells(row.realMedian, 'real median'),
        ]),
    ),
  ].join('\n');
}

function examplesSection(report: RealismReport): string {
  const numeric = numericExamplesHtml(report);
  return [categoricalExamplesSection(report), numeric].filter((part) => part.length > 0).join('\n');
}

function categoricalExamplesSection(report: RealismReport): string {
  const rows = report.examples ?? [];
  const parts = [
    '<h2 id="examples">Examples behind the largest gaps</h2>',
    '<p class="note">For the categorical distances furthest above their noise floor, the category whose share differs most, and a seeded draw of real and simulated user turns that carry it. ' +
      'Text is shown as plain text (escaped) and cut to 400 characters.</p>',
  ];
  if (rows.length === 0) {
    parts.push('<p>No categorical distance lies above its noise floor.</p>');
    return parts.join('\n');
  }
  for (const row of rows) {
    parts.push(
      `<h3>${text(comparisonLabel(row))}${row.domain === undefined || row.domain === 'all' ? '' : ` · domain ${text(row.domain)}`} · ${text(String(row.rank))}. ${text(row.dimension)} · ${text(row.measure)}: “${text(row.category)}” ${text(row.direction)}</h3>`,
      `<p class="small">TVD × 100 = ${text(formatNumber(row.value))} (noise floor ${text(formatNumber(row.noiseFloor))}); share of ${text(row.unitOfMass)}s: ` +
        `${text(formatNumber(row.realSharePercent, 1))}% real vs ${text(formatNumber(row.simulatedSharePercent, 1))}% simulated; matched by ${text(row.matchedBy)} ` +
        `(${text(String(row.realCandidates))} real, ${text(String(row.simulatedCandidates))} simulated carry it); backend ${text(shortBackendName(row.backend))}.</p>`,
      row.turns.length === 0
        ? '<p>No turn carries this category.</p>'
        : htmlTable(
            ['set', 'dialogue · user turn', 'text'],
            row.turns.map((turn) => [
              `${turn.set} (${turn.side})`,
              { html: `<span class="path">${text(turn.dialogueId)}</span> · ${text(String(turn.userTurn))}` },
              {
                html:
                  `<div style="white-space: pre-wrap; max-width: 760px">${text(turn.text)}</div>` +
                  (turn.truncated ? `<span class="small">cut: ${text(String(turn.characters))} characters in full</span>` : ''),
              },
            ]),
          ),
    );
  }
  return parts.join('\n');
}

function realSetSections(report: RealismReport, charts: ChartCounter): string {
  const parts = ['<h2 id="real-sets">Real sets by domain</h2>'];
  const realInputs = report.inputs.filter((input) => input.kind === 'real' && input.domains.length >= 2);
  if (realInputs.length === 0) parts.push('<p>No real set spans two or more domains.</p>');
  for (const input of realInputs) {
    const rows = report.summary.filter((row) => row.set === input.set);
    const measures = [...new Map(rows.map((row) => [`${row.dimension}.${row.measure}`, row])).values()];
    const domains = [...input.domains].sort((a, b) => a.localeCompare(b, 'en'));
    const meanOf = (domain: string, key: string) => rows.find((row) => row.domain === domain && `${row.dimension}.${row.measure}` === key)?.mean ?? null;
    const dialoguesIn = (domain: string) => Math.max(0, ...rows.filter((row) => row.domain === domain).map((row) => row.n));
    parts.push(`<h3>${text(input.set)} <span class="small">(${text(String(input.dialogues))} dialogues, ${text(String(domains.length))} domains)</span></h3>`);
    const cells = domains.flatMap((domain) =>
      measures.map((measure) => {
        const key = `${measure.dimension}.${measure.measure}`;
        const value = meanOf(domain, key);
        const overall = meanOf('all', key);
        return {
          row: domain,
          column: key,
          color: value !== null && overall !== null && overall !== 0 ? value / overall : null,
          label: formatNumber(value, value !== null && Math.abs(value) >= 100 ? 0 : 1),
        };
      }),
    );
    parts.push(
      `<div class="figures">${charts.figure(
        heatmapChartSpec({
          title: `${input.set}: per-domain means`,
          subtitle: 'cell text = per-dialogue mean in the measure\'s unit (table below); colour = domain mean ÷ all-domain mean',
          rowTitle: 'domain',
          columnTitle: 'dimension.measure',
          colorTitle: 'domain mean ÷ all-domain mean',
          rows: domains,
          columns: measures.map((measure) => `${measure.dimension}.${measure.measure}`),
          cells,
          colorScheme: 'blueorange',
          colorDomain: [0, 2],
        }),
        `Per-domain means of every numeric measure of ${input.set} (${input.kind} set); units and backends in the table below.`,
      )}</div>`,
    );
    parts.push(
      htmlTable(
        ['domain', 'dialogues', ...measures.map((measure): HtmlCell => ({ html: `${text(measure.dimension)}.${text(measure.measure)}<br><span class="small">mean, ${text(measure.unit)} · ${text(shortBackendName(measure.backend))}</span>` }))],
        ['all', ...domains].map((domain) => [
          domain,
          { html: text(String(dialoguesIn(domain))), className: 'number' },
          ...measures.map((measure) => numberCell(meanOf(domain, `${measure.dimension}.${measure.measure}`))),
        ]),
      ),
    );
  }
  return parts.join('\n');
}

/** The flagged annotators (annotatorFlag on their distance rows), one list item each; '' when none is flagged. */
function annotatorFlagList(report: RealismReport): string {
  const flags = annotatorFlagsOf(report);
  if (flags.length === 0) return '';
  return (
    `<p class="warning">${text(ANNOTATOR_FLAG_RULE)} Every distance row of these dimensions is marked "${text(ANNOTATOR_FLAG_MARK)}":</p>` +
    `<ul class="annotator-flags">${flags.map((entry) => `<li>${text(entry.flag)}</li>`).join('')}</ul>`
  );
}

function validitySection(report: RealismReport): string {
  const rows = report.annotatorValidity ?? [];
  if (rows.length === 0) {
    return '<h2 id="validity">Annotator validity</h2>\n' + annotatorFlagList(report) + '<p>No hand labels were given (evaluate --labels), so annotator agreement was not measured.</p>';
  }
  return [
    '<h2 id="validity">Annotator validity</h2>',
    annotatorFlagList(report),
    '<p class="note">Agreement of each categorical annotator with hand labels, per user turn (F1, unitless 0–1). An annotator near its majority baseline cannot separate real from simulated users, so its distances deserve less trust.</p>',
    htmlTable(
      ['dimension', 'backend', 'labels', 'labelled user turns', 'micro-F1', 'macro-F1', 'majority baseline micro / macro-F1', 'any-disclosure F1', 'all-neutral turns, labels vs predicted (%)'],
      rows.map((row) => [
        row.dimension,
        shortBackendName(row.backend),
        { html: `<span class="path">${text(row.labels)}</span>` },
        { html: text(String(row.matchedTurns)), className: 'number' },
        numberCell(row.microF1, 3),
        numberCell(row.macroF1, 3),
        { html: `${text(formatNumber(row.majorityBaselineMicroF1, 3))} / ${text(formatNumber(row.majorityBaselineMacroF1, 3))}`, className: 'number' },
        numberCell(row.anyDisclosureF1, 3),
        {
          html: row.labelledAllNeutralPercent === null ? '–' : `${text(formatNumber(row.labelledAllNeutralPercent, 1))} vs ${text(formatNumber(row.predictedAllNeutralPercent, 1))}`,
          className: 'number',
        },
      ]),
    ),
  ].join('\n');
}

function inputsSection(report: RealismReport): string {
  return [
    '<h2 id="inputs">Inputs</h2>',
    htmlTable(
      ['set', 'kind', 'format', 'dialogues', 'user turns', 'domains', 'files (sha256, first 12 hex; bytes)'],
      report.inputs.map((input) => [
        input.set,
        input.kind,
        input.format,
        { html: text(String(input.dialogues)), className: 'number' },
        { html: text(String(input.userTurns)), className: 'number' },
        input.domains.join(', '),
        {
          html:
            `<details><summary>${text(String(input.files.length))} file${input.files.length === 1 ? '' : 's'}</summary>` +
            input.files.map((file) => `<div class="path">${text(file.path)} (${text(file.sha256.slice(0, 12))}; ${text(String(file.bytes))} bytes)</div>`).join('') +
            '</details>',
        },
      ]),
    ),
    `<p class="note">Backends: ${report.dimensions.map((dimension) => `<b>${text(dimension.id)}</b> <code>${text(dimension.backend)}</code>`).join(' · ')}</p>`,
  ].join('\n');
}

function warningsSection(report: RealismReport): string {
  const warnings = [
    ...report.warnings,
    ...report.distances.flatMap((row) => row.warnings.map((warning) => `${comparisonLabel(row)} · ${row.dimension}.${row.measure} · ${row.domain}: ${warning}`)),
  ];
  if (warnings.length === 0) return '<h2 id="warnings">Warnings</h2>\n<p>None.</p>';
  const shown = warnings.slice(0, 200);
  return [
    '<h2 id="warnings">Warnings</h2>',
    `<ul>${shown.map((warning) => `<li class="warning">${text(warning)}</li>`).join('\n')}</ul>`,
    warnings.length > shown.length ? `<p>… ${text(String(warnings.length - shown.length))} more in report.json.</p>` : '',
  ].join('\n');
}

function statisticsSection(report: RealismReport): string {
  return [
    '<h2 id="statistics">Statistics</h2>',
    `<ul>${report.statistics.notes.map((note) => `<li>${text(note)}</li>`).join('\n')}</ul>`,
  ].join('\n');
}
