import type { Command } from 'commander';
import { listDimensionIds, loadDimensions } from '../annotate/dimension-registry.js';

/** `realsim models`: every dimension's backends, and the model card of those that ship or train a model. */
export async function modelsCommand(): Promise<void> {
  const modules = await loadDimensions(listDimensionIds());
  const lines: string[] = [];
  for (const module of modules) {
    lines.push(`${module.definition.id}: backends ${module.backends.join(', ')} (default ${module.backends[0] ?? 'none'})`);
    for (const line of module.describeModels?.() ?? []) lines.push(`  ${line}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerModelsCommand(program: Command): void {
  program
    .command('models')
    .description('list annotator backends and the measured quality of the local models')
    .action(async () => {
      await modelsCommand();
    });
}
