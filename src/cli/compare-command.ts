import { Command, CommanderError } from 'commander';
import { compareReports, readRealismReport, readThresholdFile } from '../report/compare-reports.js';

export interface CompareCommandOptions {
  thresholdFile?: string;
}

/**
 * `realsim compare <baseline> <current>`: prints the Markdown diff to stdout; exits 1 when a distance
 * regressed. The exit is signalled with a CommanderError (exit code 1), which main() turns into status 1
 * without a second message: the one-line reason is printed here, to stderr.
 */
export function compareCommand(baselinePath: string, currentPath: string, options: CompareCommandOptions): void {
  const baseline = readRealismReport(baselinePath);
  const current = readRealismReport(currentPath);
  const thresholds = options.thresholdFile ? readThresholdFile(options.thresholdFile) : {};
  const result = compareReports(baseline, current, { thresholds, baselineName: baselinePath, currentName: currentPath });
  process.stdout.write(result.markdown);
  if (result.regressed.length > 0) {
    const names = result.regressed.map((change) => `${change.dimension}.${change.measure} (${change.domain})`);
    const message = `realsim: compare: ${result.regressed.length} distance${result.regressed.length === 1 ? '' : 's'} regressed: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}\n`;
    process.stderr.write(message);
    throw new CommanderError(1, 'realsim.compare.regressed', message.trim());
  }
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('diff two report.json files (Markdown to stdout); exit 1 when a distance grew beyond its threshold and interval')
    .argument('<baseline>', 'baseline report.json')
    .argument('<current>', 'current report.json')
    .option(
      '--threshold-file <file>',
      'JSON {"<dimension>.<measure>": number, "default": number} in each measure\'s unit (default: the baseline noise floor)',
    )
    .action((baselinePath: string, currentPath: string, options: CompareCommandOptions) => {
      compareCommand(baselinePath, currentPath, options);
    });
}
