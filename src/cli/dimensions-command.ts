import type { Command } from 'commander';
import { listDimensionIds, loadDimensions } from '../annotate/dimension-registry.js';

export async function dimensionsCommand(): Promise<void> {
  const modules = await loadDimensions(listDimensionIds());
  const lines: string[] = [];
  for (const module of modules) {
    const definition = module.definition;
    lines.push(`${definition.id} (${definition.level}) — ${definition.title}`);
    lines.push(`  backends: ${module.backends.join(', ')} (default ${module.backends[0] ?? 'none'})`);
    for (const measure of definition.measures) {
      const unit = measure.scale === 'numeric' ? measure.unit : `share of ${measure.unitOfMass}s`;
      lines.push(`  - ${measure.id} [${measure.scale}; ${unit}]: ${measure.description}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerDimensionsCommand(program: Command): void {
  program
    .command('dimensions')
    .description('list the dimensions, their measures, units and backends')
    .action(async () => {
      await dimensionsCommand();
    });
}
