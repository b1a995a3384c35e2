import type { CorrelationRow, DistanceRow, SummaryRow } from '../core/report-rows.js';
import type { RealismReport } from './realism-report.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { LEADERBOARD_RULE } from './build-leaderboard.js';
import { ANNOTATOR_FLAG_RULE, annotatorFlagsOf } from './flag-annotators-below-baseline.js';
import { MARKDOWN_SUMMARY_LIMIT, detailsBlock, joinWithinLimit, summarySection } from './render-markdown-summary.js';

/** Pure: report object → Markdown for terminals and PR comments. Every number carries its unit. */

export function formatNumber(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(decimals);
}

/**
 * Every table cell goes through the one escaper: set names, dialogue ids, domains, file paths and
 * dialogue text come from the user's files and must render as text, never as markup or a new row.
 */
function escapeCell(text: string): string {
  return escapeMarkdownText(text);
}

/** A user-supplied value inside a heading, paragraph or list item: one line, no markup. */
const text = escapeMarkdownText;

function table(header: string[], rows: string[][]): string {
  const lines = [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/**
 * The row's verdict (schema ≥ 1.2: "gap" exactly when q ≤ 0.05, which is when its interval leaves out 0). Reports
 * written before 1.2 have none: for them "gap" when the whole interval is beyond the noise floor.
 */
export function verdictOf(row: DistanceRow): string {
  if (row.verdict !== undefined) return row.verdict;
  if (row.value === null || row.ciLow === null || row.ciHigh === null || row.noiseFloor === null) return 'n/a';
  if (row.metric === 'centroid_cosine') return row.ciHigh < row.noiseFloor ? 'gap' : 'within noise';
  return row.ciLow > row.noiseFloor ? 'gap' : 'within noise';
}

/** Short mark appended to the verdict of a row whose annotator is not above its majority baseline (the reason is in annotatorFlag). */
export const ANNOTATOR_FLAG_MARK = '⚠ annotator not above majority baseline';

/** The verdict, with ANNOTATOR_FLAG_MARK when the row's annotator is flagged. */
export function verdictWithAnnotatorFlag(row: DistanceRow): string {
  return row.annotatorFlag === undefined ? verdictOf(row) : `${verdictOf(row)} ${ANNOTATOR_FLAG_MARK}`;
}

/**
 * The annotator's own distribution error beside a categorical distance ("–" when unknown), marked "≥ distance"
 * when the distance does not exceed it: the gap is then no larger than the instrument's error.
 */
export function annotatorErrorText(row: DistanceRow): string {
  if (row.annotatorErrorTvd === undefined) return '–';
  const within = row.value !== null && row.value <= row.annotatorErrorTvd;
  return `${formatNumber(row.annotatorErrorTvd)}${within ? ' (≥ distance)' : ''}`;
}

/** Decimals of a distance row's numbers: 4 for a cosine similarity (its gaps live in the third decimal), else 2. */
export function distanceDecimals(row: { metric?: string }): number {
  return row.metric === 'centroid_cosine' ? 4 : 2;
}

/** "low – high (95%)": the interval with its coverage (intervalLevel; rounded down to 0.1 point). */
export function intervalWithLevel(row: Pick<DistanceRow, 'ciLow' | 'ciHigh' | 'intervalLevel'> & { metric?: string }): string {
  if (row.ciLow === null && row.ciHigh === null) return '–';
  const level = row.intervalLevel === undefined || row.intervalLevel === null ? '' : ` (${levelText(row.intervalLevel)})`;
  const decimals = distanceDecimals(row);
  return `${formatNumber(row.ciLow, decimals)} – ${formatNumber(row.ciHigh, decimals)}${level}`;
}

/** 0.95 → "95%", 0.99861 → "99.8%": percent cut (not rounded up) to one decimal, without a trailing ".0". */
export function levelText(level: number): string {
  const tenths = Math.floor(level * 1000 + 1e-9) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

function headlineDistanceRows(report: RealismReport, real: string, simulated: string): DistanceRow[] {
  return report.distances.filter((row) => row.real === real && row.simulated === simulated && row.domain === 'all');
}

/** The backend's short name (its first word), e.g. "harper.js@2.10.0"; the full string is in report.json. */
export function shortBackendName(backend: string): string {
  return backend.split(' ')[0] ?? backend;
}

function distanceTable(rows: DistanceRow[], dimensionOrder: string[]): string {
  const rank = (dimension: string) => {
    const index = dimensionOrder.indexOf(dimension);
    return index === -1 ? dimensionOrder.length : index;
  };
  const ordered = [...rows].sort((a, b) => rank(a.dimension) - rank(b.dimension));
  return table(
    ['dimension', 'measure', 'real mean', 'simulated mean', 'distance (plug-in)', 'corrected', 'interval', 'min. detectable', 'real-vs-real noise floor', 'annotator error', 'verdict', 'p (permutation)', 'q (BH)', 'unit', 'backend'],
    ordered.map((row) => [
      row.dimension,
      row.measure,
      formatNumber(row.meanReal),
      formatNumber(row.meanSimulated),
      formatNumber(row.value, distanceDecimals(row)),
      formatNumber(row.corrected, distanceDecimals(row)),
      intervalWithLevel(row),
      formatNumber(row.minimumDetectable, distanceDecimals(row)),
      formatNumber(row.noiseFloor, distanceDecimals(row)),
      annotatorErrorText(row),
      verdictWithAnnotatorFlag(row),
      formatNumber(row.pValue, 3),
      formatNumber(row.qValue, 3),
      row.metric === 'wasserstein1' ? `Wasserstein-1, ${row.unit}` : row.unit,
      shortBackendName(row.backend),
    ]),
  );
}

/** Second view next to a raw share: "observed → corrected" percent of user turns; "" when the row has none. */
export function correctedTurnCell(row: { observedTurnPercent?: number; correctedTurnPercent?: number | null } | undefined): string {
  if (row?.correctedTurnPercent === undefined || row.observedTurnPercent === undefined) return '';
  return `${formatNumber(row.observedTurnPercent, 1)} → ${row.correctedTurnPercent === null ? 'n/a' : formatNumber(row.correctedTurnPercent, 1)}`;
}

export const PREVALENCE_CORRECTION_SENTENCE =
  'Corrected (second view): the share of user turns the annotator gave each tag → adjusted classify-and-count p̂ = (observed − FPR) / (TPR − FPR), clipped to [0, 100], from its cross-validated true/false positive rates; in % of user turns, not of the raw share\'s unit; n/a when TPR ≤ FPR.';

function distributionSection(report: RealismReport, real: string, simulated: string): string {
  const parts: string[] = [];
  const keys = new Map<string, { unitOfMass: string }>();
  for (const row of report.distributions) {
    if (row.domain !== 'all' || (row.set !== real && row.set !== simulated)) continue;
    keys.set(`${row.dimension}\u0000${row.measure}`, { unitOfMass: row.unitOfMass });
  }
  const order = report.dimensions.map((dimension) => dimension.id);
  const rank = (key: string) => {
    const index = order.indexOf(key.split('\u0000')[0] ?? '');
    return index === -1 ? order.length : index;
  };
  const orderedKeys = [...keys].sort((a, b) => rank(a[0]) - rank(b[0]));
  for (const [key, { unitOfMass }] of orderedKeys) {
    const [dimension, measure] = key.split('\u0000') as [string, string];
    const rows = report.distributions.filter((row) => row.domain === 'all' && row.dimension === dimension && row.measure === measure);
    const categories = [...new Set(rows.map((row) => row.category))];
    const share = (set: string, category: string) =>
      rows.find((row) => row.set === set && row.category === category)?.sharePercent ?? 0;
    const correctedView = rows.some((row) => row.correctedTurnPercent !== undefined);
    const corrected = (set: string, category: string) => correctedTurnCell(rows.find((row) => row.set === set && row.category === category));
    parts.push(
      `#### ${dimension} · ${measure} (share of ${unitOfMass}s, %)\n\n` +
        table(
          ['category', `${real} %`, `${simulated} %`, 'difference (points)', ...(correctedView ? [`${real} corrected, % of turns`, `${simulated} corrected, % of turns`] : [])],
          categories.map((category) => [
            category,
            formatNumber(share(real, category), 1),
            formatNumber(share(simulated, category), 1),
            formatNumber(share(simulated, category) - share(real, category), 1),
            ...(correctedView ? [corrected(real, category), corrected(simulated, category)] : []),
          ]),
        ) +
        (correctedView ? `\n\n${PREVALENCE_CORRECTION_SENTENCE}` : ''),
    );
  }
  return parts.join('\n\n');
}

function domainDistanceSection(report: RealismReport, real: string, simulated: string): string {
  const rows = report.distances.filter((row) => row.real === real && row.simulated === simulated && row.domain !== 'all');
  if (rows.length === 0) return '';
  const order = report.dimensions.map((dimension) => dimension.id);
  return `### By domain\n\n${distanceTable(rows.map((row) => ({ ...row, measure: `${row.measure} · ${row.domain}` })), order)}`;
}

/** Pearson r rows (across-domain correlations or split-half reliability) as one Markdown table. */
function correlationTable(rows: CorrelationRow[], rHeader: string, withNotes: boolean): string {
  return table(
    ['dimension', 'measure', 'category', 'profile', 'domains', rHeader, '95% interval', ...(withNotes ? ['notes'] : [])],
    rows.map((row) => [
      row.dimension,
      row.measure,
      row.category || '–',
      row.profile,
      String(row.domains),
      formatNumber(row.r),
      `${formatNumber(row.ciLow)} – ${formatNumber(row.ciHigh)}`,
      ...(withNotes ? [row.warnings.join('; ')] : []),
    ]),
  );
}

function correlationSection(report: RealismReport, real: string, simulated: string): string {
  const rows = report.correlations.filter((row) => row.real === real && row.simulated === simulated);
  if (rows.length === 0) return '';
  return (
    '### Across domains (Pearson r of per-domain profiles)\n\n' +
    correlationTable(rows, 'r', true)
  );
}

function twoSampleTestSection(report: RealismReport, real: string, simulated: string): string {
  const rows = (report.twoSampleTests ?? []).filter((row) => row.real === real && row.simulated === simulated);
  if (rows.length === 0) return '';
  return (
    '### Classifier two-sample test (can a classifier tell the simulator from real users?)\n\n' +
    table(
      ['AUC', '95% interval', 'per-fold AUC', 'dialogues real / sim', 'features', 'strongest features (standardized coefficient; + = typical of the simulator)', 'notes'],
      rows.map((row) => [
        formatNumber(row.auc, 3),
        `${formatNumber(row.ciLow, 3)} – ${formatNumber(row.ciHigh, 3)}`,
        row.foldAucs.map((value) => formatNumber(value, 2)).join(', '),
        `${row.nReal} / ${row.nSimulated}`,
        String(row.features.length),
        row.topFeatures.map((entry) => `${entry.feature} (${entry.coefficient > 0 ? '+' : ''}${formatNumber(entry.coefficient, 2)})`).join(', '),
        row.warnings.join('; '),
      ]),
    ) +
    `\n\nUnit: ${rows[0]?.unit ?? ''}. ${rows[0]?.method ?? ''}.`
  );
}

function coverageSection(report: RealismReport, real: string, simulated: string): string {
  const rows = (report.coverage ?? []).filter((row) => row.real === real && row.simulated === simulated);
  if (rows.length === 0) return '';
  return (
    '### Tag coverage\n\n' +
    'Rarely produced: real users give the tag ≥ 2% of the measure\'s mass, the simulator under a quarter of that. Invented: the mirror case.\n\n' +
    table(
      ['dimension', 'measure', 'tag', 'finding', `${real} % (count)`, `${simulated} % (count)`, 'share of', 'backend'],
      rows.map((row) => [
        row.dimension,
        row.measure,
        row.category,
        row.kind === 'rarely_produced' ? 'rarely produced by the simulator' : 'invented by the simulator',
        `${formatNumber(row.realSharePercent, 1)} (${row.realCount})`,
        `${formatNumber(row.simulatedSharePercent, 1)} (${row.simulatedCount})`,
        `${row.unitOfMass}s`,
        shortBackendName(row.backend),
      ]),
    )
  );
}

function numericExamplesSection(report: RealismReport, real: string, simulated: string): string {
  const rows = (report.numericExamples ?? []).filter((row) => row.real === real && row.simulated === simulated);
  if (rows.length === 0) return '';
  const parts = ['### Examples behind numeric gaps (most extreme simulated dialogue vs the real median; longest user turn)'];
  for (const row of rows) {
    parts.push(
      `**${text(row.dimension)} · ${text(row.measure)} · ${text(row.domain)}**: Wasserstein-1 = ${formatNumber(row.value)} ${text(row.unit)}; mean ${formatNumber(row.meanReal)} real vs ${formatNumber(row.meanSimulated)} simulated (simulator ${row.direction}).\n\n` +
        table(
          ['example', 'dialogue · user turn', `value (${row.unit})`, 'longest user turn (escaped; cut to 400 characters)'],
          [
            [`most ${row.direction === 'higher' ? 'high' : 'low'} simulated (${row.simulatedExtreme.set})`, `${row.simulatedExtreme.dialogueId} · ${row.simulatedExtreme.userTurn}`, formatNumber(row.simulatedExtreme.value), row.simulatedExtreme.text],
            [`real median (${row.realMedian.set})`, `${row.realMedian.dialogueId} · ${row.realMedian.userTurn}`, formatNumber(row.realMedian.value), row.realMedian.text],
          ],
        ),
    );
  }
  return parts.join('\n\n');
}

function examplesSection(report: RealismReport, real: string, simulated: string): string {
  const rows = (report.examples ?? []).filter((row) => row.real === real && row.simulated === simulated);
  if (rows.length === 0) return '';
  const parts = ['### Examples behind the largest gaps'];
  for (const row of rows) {
    parts.push(
      `**${row.domain === undefined || row.domain === 'all' ? '' : `domain ${text(row.domain)}: `}${row.rank}. ${row.dimension} · ${row.measure}**: TVD × 100 = ${formatNumber(row.value)} (noise floor ${formatNumber(row.noiseFloor)}); ` +
        `"${text(row.category)}" is ${row.direction} by the simulator: ${formatNumber(row.realSharePercent, 1)}% of ${row.unitOfMass}s in ${text(real)}, ` +
        `${formatNumber(row.simulatedSharePercent, 1)}% in ${text(simulated)}. Matched by ${row.matchedBy}: ${row.realCandidates} real and ${row.simulatedCandidates} simulated carry it.\n\n` +
        (row.turns.length === 0
          ? '_No turn carries this category._'
          : table(
              ['set', 'dialogue · user turn', 'text (escaped; cut to 400 characters)'],
              row.turns.map((turn) => [turn.set, `${turn.dialogueId} · ${turn.userTurn}`, turn.text]),
            )),
    );
  }
  return parts.join('\n\n');
}

function setSummarySection(report: RealismReport, set: string): string {
  const rows = report.summary.filter((row) => row.set === set);
  const measures = [...new Map(rows.map((row) => [`${row.dimension}.${row.measure}`, row])).values()];
  const domains = [...new Set(rows.map((row) => row.domain))];
  const cell = (domain: string, measure: SummaryRow) =>
    formatNumber(rows.find((row) => row.domain === domain && row.dimension === measure.dimension && row.measure === measure.measure)?.mean);
  const dialoguesIn = (domain: string) => Math.max(0, ...rows.filter((row) => row.domain === domain).map((row) => row.n));
  return table(
    ['domain', 'dialogues', ...measures.map((measure) => `${measure.measure} (mean, ${measure.unit})`)],
    domains.map((domain) => [domain, String(dialoguesIn(domain)), ...measures.map((measure) => cell(domain, measure))]),
  );
}

/** Split-half reliability of a real set's domain profiles: the ceiling for a simulator's across-domain r. */
function reliabilitySection(report: RealismReport, set: string): string {
  const rows = (report.domainProfileReliability ?? []).filter((row) => row.real === set && row.r !== null);
  if (rows.length === 0) return '';
  return (
    '#### Domain-profile reliability (Pearson r across domains between two random halves of this set)\n\n' +
    'Real users reach about this r against themselves; a simulator\'s across-domain r is read against it. ' +
    'A low r means the measure\'s domain-to-domain variation is mostly sampling noise at this size.\n\n' +
    correlationTable(rows, 'r (split-half)', false)
  );
}

/** Category shares of one set over all its dialogues, one table per categorical measure. */
function setCategorySection(report: RealismReport, set: string): string {
  const rows = report.distributions.filter((row) => row.set === set && row.domain === 'all');
  const order = report.dimensions.map((dimension) => dimension.id);
  const measures = [...new Map(rows.map((row) => [`${row.dimension}.${row.measure}`, row])).values()].sort(
    (a, b) => order.indexOf(a.dimension) - order.indexOf(b.dimension),
  );
  return measures
    .map((measure) => {
      const categoryRows = rows.filter((row) => row.dimension === measure.dimension && row.measure === measure.measure);
      const correctedView = categoryRows.some((row) => row.correctedTurnPercent !== undefined);
      return (
        `#### ${measure.dimension} · ${measure.measure} (share of ${measure.unitOfMass}s, all domains, %)\n\n` +
        table(
          ['category', 'count', 'share %', ...(correctedView ? ['corrected, % of turns'] : [])],
          categoryRows.map((row) => [row.category, String(row.count), formatNumber(row.sharePercent, 1), ...(correctedView ? [correctedTurnCell(row)] : [])]),
        ) +
        (correctedView ? `\n\n${PREVALENCE_CORRECTION_SENTENCE}` : '')
      );
    })
    .join('\n\n');
}

/** The leaderboard table (report.leaderboard), one row per simulator × real set; '' when there is none. */
export function leaderboardSection(report: RealismReport): string {
  const rows = report.leaderboard ?? [];
  if (rows.length === 0) return '';
  return (
    '## Leaderboard\n\n' +
    table(
      ['rank', 'rank interval (95%)', 'simulator', 'real set', 'score (noise floors)', '95% interval', 'closer to real than (P ≥ 0.975)', 'P(closer than each other simulator)', 'measures'],
      rows.map((row) => [
        String(row.rank),
        row.rankLow === row.rankHigh ? String(row.rankLow) : `${row.rankLow}–${row.rankHigh}`,
        row.simulated,
        row.real,
        formatNumber(row.score),
        `${formatNumber(row.ciLow)} – ${formatNumber(row.ciHigh)}`,
        row.closerThan.length === 0 ? '–' : row.closerThan.join(', '),
        row.pairwise.length === 0 ? '–' : row.pairwise.map((entry) => `${entry.simulated}: ${formatNumber(entry.probabilityCloser)}`).join('; '),
        row.measures.join(', '),
      ]),
    ) +
    `\n\n${LEADERBOARD_RULE}`
  );
}

function reportHeader(report: RealismReport): string {
  return (
    `# realsim realism report\n\n` +
    `realsim ${text(report.tool.version)} · report schema ${text(report.schemaVersion)} · seed ${report.seed} · ` +
    `${report.statistics.bootstrapResamples} bootstrap resamples · ${Math.round(report.statistics.confidenceLevel * 100)}% intervals · ` +
    `noise floor = median of ${report.statistics.noiseFloorSplits} real-vs-real half splits`
  );
}

/** "## <simulated> vs <real> (paired on n scenarios)" */
function comparisonHeading(comparison: RealismReport['comparisons'][number]): string {
  return `${text(comparison.simulated)} vs ${text(comparison.real)}` + (comparison.paired ? ` (paired on ${comparison.pairs} scenarios)` : ' (unpaired)');
}

const DISTANCE_TABLE_NOTE =
  'Distances: Wasserstein-1 in the measure\'s own unit for numbers; total variation distance × 100 (0 = same distribution, 100 = disjoint) for categories; centroid cosine similarity for embeddings (1 = same). ' +
  'Corrected = the distance less its small-sample bias (the expected distance of two samples of these sizes from one population). ' +
  '"gap" exactly when q ≤ 0.05, i.e. when the interval (at the level shown, ≥ 95%) leaves out 0 (cosine: 1); otherwise "no detectable gap", and min. detectable says how large a gap this sample could have shown. ' +
  'p = permutation-test p-value of the distance; q = Benjamini–Hochberg q-value over all rows of this comparison. The real-vs-real noise floor is a yardstick in the row\'s unit; the verdict does not use it.';

function flaggedAnnotatorSection(report: RealismReport): string {
  const flags = annotatorFlagsOf(report);
  if (flags.length === 0) return '';
  return (
    '## Flagged annotators\n\n' +
    `${ANNOTATOR_FLAG_RULE} Every distance row of these dimensions carries "${ANNOTATOR_FLAG_MARK}".\n\n` +
    flags.map((entry) => `- ${text(entry.flag)}`).join('\n')
  );
}

/**
 * The PR-comment file of `evaluate --markdown-summary`: the header and summary, flagged annotators, the
 * leaderboard and each comparison's distances over all domains (collapsed), in that order while they fit
 * under `limit` characters (MARKDOWN_SUMMARY_LIMIT); what does not fit is named as left out.
 */
export function renderMarkdownSummary(report: RealismReport, limit = MARKDOWN_SUMMARY_LIMIT): string {
  const leaderboard = leaderboardSection(report);
  const blocks = [
    `${reportHeader(report)}\n\n${summarySection(report)}`,
    flaggedAnnotatorSection(report),
    leaderboard === '' ? '' : detailsBlock('Leaderboard', leaderboard),
    ...report.comparisons.map((comparison) =>
      detailsBlock(
        `Distances over all domains: ${text(comparison.simulated)} vs ${text(comparison.real)}`,
        `${DISTANCE_TABLE_NOTE}\n\n${distanceTable(headlineDistanceRows(report, comparison.real, comparison.simulated), report.dimensions.map((dimension) => dimension.id))}`,
      ),
    ),
    '_Full tables, per-domain distances and examples: report.md and report.html of this run._',
  ].filter((block) => block.length > 0);
  return joinWithinLimit(blocks, limit);
}

/** The first user turn of an excerpt, cut to `limit` characters for a table cell. */
function firstUserTurnText(turns: ReadonlyArray<{ role: string; text: string }>, limit = 160): string {
  const first = turns.find((turn) => turn.role === 'user')?.text ?? '';
  return first.length > limit ? `${first.slice(0, limit)}…` : first;
}

/** The least and most realistic simulated dialogues (report.realismExtremes) as one table, beside their paired real dialogue. */
function realismExtremesSection(report: RealismReport, real: string, simulated: string): string {
  const rows = (report.realismExtremes ?? []).filter((row) => row.real === real && row.simulated === simulated);
  if (rows.length === 0) return '';
  return (
    '### Least and most realistic simulated dialogues\n\n' +
    'By the two-sample classifier\'s out-of-fold P(real) (0 = surely simulated, 1 = surely real); first user turn of each, cut to 160 characters (report.html shows the dialogues; `realsim scores` lists every dialogue).\n\n' +
    table(
      ['', 'rank', 'simulated dialogue', 'domain', 'P(real)', 'first user turn (simulated)', 'paired real dialogue', 'P(real)', 'first user turn (real)'],
      rows.map((row) => [
        row.which,
        String(row.rank),
        row.simulatedDialogue.dialogueId,
        row.simulatedDialogue.domain,
        formatNumber(row.simulatedDialogue.realism, 3),
        firstUserTurnText(row.simulatedDialogue.turns),
        row.pairedReal?.dialogueId ?? '–',
        formatNumber(row.pairedReal?.realism, 3),
        row.pairedReal ? firstUserTurnText(row.pairedReal.turns) : '–',
      ]),
    )
  );
}

/**
 * Pure: report object → report.md. It opens with the summary (verdict per simulator, the largest gaps); every
 * other section is a collapsed <details> block.
 */
export function renderMarkdownReport(report: RealismReport): string {
  const sections: string[] = [];
  sections.push(`${reportHeader(report)}\n\n${summarySection(report)}`);
  const flagged = flaggedAnnotatorSection(report);
  if (flagged !== '') sections.push(flagged);
  const leaderboard = leaderboardSection(report);
  if (leaderboard !== '') sections.push(detailsBlock('Leaderboard', leaderboard));
  sections.push(detailsBlock('Inputs',
    '## Inputs\n\n' +
      table(
        ['set', 'kind', 'format', 'dialogues', 'user turns', 'domains', 'files (sha256, first 12)'],
        report.inputs.map((input) => [
          input.set,
          input.kind,
          input.format,
          String(input.dialogues),
          String(input.userTurns),
          String(input.domains.length),
          input.files.map((file) => `${file.path} (${file.sha256.slice(0, 12)})`).slice(0, 3).join(', ') +
            (input.files.length > 3 ? `, … ${input.files.length - 3} more` : ''),
        ]),
      ),
  ));
  sections.push(detailsBlock('Dimensions and backends',
    '## Dimensions and backends\n\n' +
      table(
        ['dimension', 'level', 'backend', 'measures (unit)'],
        report.dimensions.map((dimension) => [
          dimension.id,
          dimension.level,
          dimension.backend,
          dimension.measures
            .map((measure) => `${measure.id} (${measure.scale === 'numeric' ? measure.unit : `share of ${measure.unitOfMass}s`})`)
            .join(', '),
        ]),
      ),
  ));
  for (const comparison of report.comparisons) {
    const heading = `## ${comparisonHeading(comparison)}`;
    const body = [
      heading,
      DISTANCE_TABLE_NOTE,
      distanceTable(headlineDistanceRows(report, comparison.real, comparison.simulated), report.dimensions.map((dimension) => dimension.id)),
      distributionSection(report, comparison.real, comparison.simulated),
      domainDistanceSection(report, comparison.real, comparison.simulated),
      correlationSection(report, comparison.real, comparison.simulated),
      twoSampleTestSection(report, comparison.real, comparison.simulated),
      coverageSection(report, comparison.real, comparison.simulated),
      examplesSection(report, comparison.real, comparison.simulated),
      numericExamplesSection(report, comparison.real, comparison.simulated),
      realismExtremesSection(report, comparison.real, comparison.simulated),
    ].filter((part) => part.length > 0);
    sections.push(detailsBlock(`${text(comparison.simulated)} vs ${text(comparison.real)}`, body.join('\n\n')));
  }
  for (const input of report.inputs) {
    if (input.domains.length < 2) continue;
    sections.push(detailsBlock(`${text(input.set)}: by domain (${input.kind})`,
      [`## ${text(input.set)}: by domain (${input.kind})`, setSummarySection(report, input.set), setCategorySection(report, input.set), reliabilitySection(report, input.set)]
        .filter((part) => part.length > 0)
        .join('\n\n'),
    ));
  }
  if (report.annotatorValidity && report.annotatorValidity.length > 0) {
    sections.push(detailsBlock('Annotator validity',
      '## Annotator validity (agreement with hand labels, per user turn)\n\n' +
        'How far to trust each categorical distance: an annotator near its majority baseline cannot separate real from simulated users.\n\n' +
        table(
          ['dimension', 'backend', 'labelled user turns', 'micro-F1', 'macro-F1', 'majority baseline micro/macro-F1', 'any-disclosure F1', 'all-neutral turns, labels vs predicted (%)'],
          report.annotatorValidity.map((row) => [
            row.dimension,
            shortBackendName(row.backend),
            String(row.matchedTurns),
            formatNumber(row.microF1, 3),
            formatNumber(row.macroF1, 3),
            `${formatNumber(row.majorityBaselineMicroF1, 3)} / ${formatNumber(row.majorityBaselineMacroF1, 3)}`,
            formatNumber(row.anyDisclosureF1, 3),
            row.labelledAllNeutralPercent === null ? '–' : `${formatNumber(row.labelledAllNeutralPercent, 1)} vs ${formatNumber(row.predictedAllNeutralPercent, 1)}`,
          ]),
        ),
    ));
  }
  if (report.llmUsage && report.llmUsage.length > 0) {
    sections.push(detailsBlock('LLM token usage',
      '## LLM token usage\n\n' +
        report.llmUsage
          .map(
            (row) =>
              `- ${row.dimension} (${text(row.model)}): ${row.promptTokens} prompt + ${row.completionTokens} completion tokens, ${row.requests} requests for ${row.items} dialogues` +
              (row.itemsWithoutUsage > 0 ? ` (${row.itemsWithoutUsage} cached results carry no usage)` : ''),
          )
          .join('\n') +
        '\n\nTokens as the endpoint reported them for the accepted answers (cached or fresh); retries excluded. Cache hits and misses are printed on stderr.',
    ));
  }
  const warnings = [
    ...report.warnings,
    ...report.distances.flatMap((row) =>
      row.warnings.map((warning) => `${row.simulated} vs ${row.real} · ${row.dimension}.${row.measure} · ${row.domain}: ${warning}`),
    ),
  ];
  if (warnings.length > 0) {
    const shown = warnings.slice(0, 40);
    sections.push(detailsBlock(`Warnings (${warnings.length})`,
      '## Warnings\n\n' + shown.map((warning) => `- ${text(warning)}`).join('\n') +
        (warnings.length > shown.length ? `\n- … ${warnings.length - shown.length} more in report.json` : ''),
    ));
  }
  sections.push(detailsBlock('Statistics', '## Statistics\n\n' + report.statistics.notes.map((note) => `- ${note}`).join('\n')));
  return `${sections.join('\n\n')}\n`;
}
