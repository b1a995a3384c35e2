import type { DimensionModule } from '../core/dimension.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { LLM_OPTION_KEYS } from '../llm/llm-settings.js';

/**
 * Every `--option` key a run understands: the llm client's (llm.*, llm.model.<dimension>), each dimension's
 * own (declared in its module's `options`), and <dimension>.model for dimensions with a trained backend.
 */
export function knownOptionKeys(modules: readonly DimensionModule[]): string[] {
  const keys = Object.keys(LLM_OPTION_KEYS).filter((key) => !key.includes('<'));
  for (const module of modules) {
    const id = module.definition.id;
    keys.push(`llm.model.${id}`, ...Object.keys(module.options ?? {}));
    if (module.turnLabelSpec) keys.push(`${id}.model`);
  }
  return [...new Set(keys)].sort();
}

/**
 * Refuses a misspelt `--option` key or `--backend` dimension instead of silently ignoring it
 * (`--option llm.timout-ms=5` once ran with the default timeout; `--backend identiy=llm` ran the default backend).
 */
export function checkRunSettings(settings: { options: Record<string, string>; backends: Record<string, string> }, modules: readonly DimensionModule[]): void {
  const known = knownOptionKeys(modules);
  for (const key of Object.keys(settings.options)) {
    if (!known.includes(key)) {
      throw new RealsimError('USAGE', `--option: expected one of ${known.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(key)}`);
    }
  }
  const ids = modules.map((module) => module.definition.id);
  for (const dimension of Object.keys(settings.backends)) {
    if (!ids.includes(dimension)) {
      throw new RealsimError('USAGE', `--backend: expected <dimension>=<backend> with a dimension of ${ids.map((id) => `"${id}"`).join(', ')}, found ${quoteForMessage(dimension)}`);
    }
  }
}
