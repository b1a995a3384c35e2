import type { LintConfig, LocalLinter } from 'harper.js';
import { uncountedLintKinds } from './counted-lints.js';

/**
 * Which lint kinds each Harper rule produces, learnt from Harper itself: harper.js names no rule's kind in its
 * API, but every rule's description (getLintDescriptions) quotes its own examples in backticks ("Corrects
 * `a couple of more` to `a couple more`"). Linting those examples with every default rule on and without
 * overlap removal (organizedLints, dedup off) shows the kinds each rule emits. A rule whose examples trigger
 * nothing stays unknown, and unknown rules are kept on.
 */
export type RuleKinds = Record<string, string[]>;

/** The backtick-quoted examples of every rule's description, one paragraph each, in rule-name order. */
export function probeParagraphsFromDescriptions(descriptions: Record<string, string>): string[] {
  const paragraphs: string[] = [];
  for (const rule of Object.keys(descriptions).sort()) {
    for (const match of descriptions[rule]!.matchAll(/`([^`\n]+)`/g)) paragraphs.push(match[1]!);
  }
  return paragraphs;
}

export async function observeHarperRuleKinds(linter: LocalLinter): Promise<RuleKinds> {
  const descriptions = await linter.getLintDescriptions();
  const probeText = probeParagraphsFromDescriptions(descriptions).join('\n\n');
  const lintsByRule = await linter.organizedLints(probeText, { language: 'plaintext', dedup: false });
  const ruleKinds: RuleKinds = {};
  for (const rule of Object.keys(lintsByRule).sort()) {
    const kinds = new Set<string>();
    for (const lint of lintsByRule[rule]!) {
      kinds.add(lint.lint_kind());
      lint.free();
    }
    if (kinds.size > 0) ruleKinds[rule] = [...kinds].sort();
  }
  return ruleKinds;
}

/** A rule is switched off only when it was seen and every kind it was seen to produce is not counted. */
export function producesOnlyUncountedKinds(kinds: readonly string[] | undefined): boolean {
  return kinds !== undefined && kinds.length > 0 && kinds.every((kind) => uncountedLintKinds.has(kind));
}

/**
 * The lint configuration realsim runs: Harper's default, minus the rules that only produce uncounted kinds,
 * minus `alwaysDisabledRules` (rules of counted kinds that only state a preference).
 */
export function selectCountedLintConfig(
  defaultConfig: LintConfig,
  ruleKinds: RuleKinds,
  alwaysDisabledRules: readonly string[],
): LintConfig {
  const config: LintConfig = {};
  for (const rule of Object.keys(defaultConfig).sort()) {
    const enabledByDefault = defaultConfig[rule] === true;
    config[rule] = enabledByDefault && !producesOnlyUncountedKinds(ruleKinds[rule]) && !alwaysDisabledRules.includes(rule);
  }
  return config;
}
