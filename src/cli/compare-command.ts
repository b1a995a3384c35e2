import { Command, CommanderError } from 'commander';
import { isRealsimError } from '../core/realsim-error.js';
import {
  DEFAULT_MINIMUM_DOMAIN_DIALOGUES,
  checkThresholdKeys,
  compareReports,
  findComparisonBlockers,
  readRealismReport,
  readThresholdFile,
} from '../report/compare-reports.js';
import { findSetupChanges } from '../report/find-setup-changes.js';
import type { RealismReport } from '../report/realism-report.js';

export interface CompareCommandOptions {
  thresholdFile?: string;
  allowChangedSetup?: boolean;
  minDomainDialogues?: string;
}

/** Exit status of `realsim compare`: 0 no regression, 1 realism regressed, 2 cannot compare. */
export const COMPARE_EXIT = { noRegression: 0, regressed: 1, cannotCompare: 2 } as const;

/**
 * `realsim compare <baseline> <current>`: prints the Markdown diff to stdout and exits
 *   0 when no distance regressed,
 *   1 when one did (the regressed rows named on one stderr line),
 *   2 when the reports cannot be compared (one stderr line with every reason): a report missing, unreadable or
 *     of another schema major; a threshold file that is unreadable or has unknown keys, negative values or a
 *     key twice; a set-up change (findSetupChanges: a dimension's backend, model or settings, a real set's
 *     files, a comparison renamed or gone, the resampling settings) unless --allow-changed-setup, which prints
 *     one warning line per change instead; and, whatever the flag, a current report without distance rows,
 *     duplicated rows, or no row in common.
 * The status is carried by a CommanderError, which main() turns into the exit status without a second message.
 */
export function compareCommand(baselinePath: string, currentPath: string, options: CompareCommandOptions): void {
  let baseline: RealismReport;
  let current: RealismReport;
  let thresholds: Record<string, number> = {};
  let minimumDomainDialogues = DEFAULT_MINIMUM_DOMAIN_DIALOGUES;
  try {
    minimumDomainDialogues = parseMinimumDialogues(options.minDomainDialogues);
    baseline = readRealismReport(baselinePath);
    current = readRealismReport(currentPath);
    if (options.thresholdFile) {
      thresholds = readThresholdFile(options.thresholdFile);
      checkThresholdKeys(thresholds, [baseline, current], options.thresholdFile);
    }
  } catch (error) {
    if (isRealsimError(error)) cannotCompare([error.message]);
    throw error;
  }
  const blockers = findComparisonBlockers(baseline, current);
  const setupChanges = findSetupChanges(baseline, current);
  if (blockers.length > 0) cannotCompare([...blockers, ...setupChanges.map((change) => `set-up changed: ${change}`)]);
  if (setupChanges.length > 0 && options.allowChangedSetup !== true) {
    cannotCompare([`the set-up changed (use --allow-changed-setup to compare anyway): ${setupChanges.join('; ')}`]);
  }
  for (const change of setupChanges) process.stderr.write(`realsim: compare: warning: set-up changed: ${change}\n`);
  const result = compareReports(baseline, current, {
    thresholds,
    baselineName: baselinePath,
    currentName: currentPath,
    minimumDomainDialogues,
    setupWarnings: setupChanges,
  });
  process.stdout.write(result.markdown);
  if (result.regressed.length > 0) {
    const names = result.regressed.map((change) => `${change.dimension}.${change.measure} (${change.domain})`);
    const message = `realsim: compare: ${result.regressed.length} distance${result.regressed.length === 1 ? '' : 's'} regressed: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}\n`;
    process.stderr.write(message);
    throw new CommanderError(COMPARE_EXIT.regressed, 'realsim.compare.regressed', message.trim());
  }
}

function cannotCompare(reasons: readonly string[]): never {
  const message = `realsim: compare: cannot compare: ${reasons.join('; ').replace(/\s*\n\s*/g, ' ')}\n`;
  process.stderr.write(message);
  throw new CommanderError(COMPARE_EXIT.cannotCompare, 'realsim.compare.cannot-compare', message.trim());
}

function parseMinimumDialogues(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MINIMUM_DOMAIN_DIALOGUES;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    cannotCompare([`--min-domain-dialogues: expected an integer ≥ 0, found "${text}"`]);
  }
  return value;
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description(
      'diff two report.json files (Markdown to stdout); exit 0 = no regression, 1 = a distance grew beyond its threshold and interval, 2 = cannot compare (reason on one line)',
    )
    .argument('<baseline>', 'baseline report.json')
    .argument('<current>', 'current report.json')
    .option(
      '--threshold-file <file>',
      'JSON {"<dimension>.<measure>": number, "default": number} in each measure\'s unit (default: the baseline noise floor)',
    )
    .option('--allow-changed-setup', 'compare even when a backend, model, setting, real set or simulator name changed (one warning per change)')
    .option(
      '--min-domain-dialogues <n>',
      `domain rows with fewer dialogues than this on a side are shown but never fail the gate (default ${DEFAULT_MINIMUM_DOMAIN_DIALOGUES})`,
    )
    .action((baselinePath: string, currentPath: string, options: CompareCommandOptions) => {
      compareCommand(baselinePath, currentPath, options);
    });
}
