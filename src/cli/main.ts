import { Command, CommanderError, Option } from 'commander';
import { describeFileSystemError } from '../core/file-system-error.js';
import { isRealsimError } from '../core/realsim-error.js';
import { toolVersion } from '../core/tool-version.js';
import { registerEvaluateCommand } from './evaluate-command.js';
import { registerInspectCommand } from './inspect-command.js';
import { registerDimensionsCommand } from './dimensions-command.js';
import { registerValidateCommand } from './validate-command.js';
import { registerModelsCommand } from './models-command.js';
import { registerScenariosCommand } from './scenarios-command.js';
import { registerPersonasCommand } from './personas-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerCompareCommand } from './compare-command.js';
import { registerHistoryCommand } from './history-command.js';
import { registerScoresCommand } from './scores-command.js';
import { registerTrainAnnotatorCommand } from './train-annotator-command.js';

/**
 * Entry point of the `realsim` binary. Commands never throw to the user: a RealsimError prints one
 * line `realsim: <message>` and exits 1; the stack only with --verbose.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('realsim')
    .description('Measure how realistic LLM user simulators are, against real user logs.')
    .version(toolVersion())
    .addOption(new Option('--verbose', 'show stack traces on errors'))
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerEvaluateCommand(program);
  registerInspectCommand(program);
  registerDimensionsCommand(program);
  registerValidateCommand(program);
  registerModelsCommand(program);
  registerScenariosCommand(program);
  registerPersonasCommand(program);
  registerSimulateCommand(program);
  registerCompareCommand(program);
  registerHistoryCommand(program);
  registerScoresCommand(program);
  registerTrainAnnotatorCommand(program);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its one-line message (or help/version output); a realsim command that chose
      // its own status (compare: 2 = cannot compare) printed its own line and keeps that status
      if (error.code.startsWith('realsim.')) return error.exitCode;
      return error.exitCode === 0 ? 0 : 1;
    }
    const explained = isRealsimError(error) ? error : describeFileSystemError(error);
    if (explained) {
      process.stderr.write(`realsim: ${explained.message}\n`);
      if (verbose && explained.stack) process.stderr.write(`${explained.stack}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`realsim: internal error: ${message.split('\n')[0]}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
