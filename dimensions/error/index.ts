import type { AnnotationCache } from '../../src/annotate/annotation-cache.js';
import type { DimensionAnnotator, DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { annotateUserErrors } from './annotate-user-errors.js';
import { createHarperGrammarChecker, type GrammarChecker } from './harper-grammar-checker.js';

export const errorBackends = ['harper'] as const;

/**
 * Names everything that changes the numbers: Harper's version and mode, the stripping rules' version and
 * the counting policy (counting v2: overlapping lints are removed among the counted ones only, so an uncounted
 * Readability lint over a long sentence no longer hides the errors inside it). It is also the cache namespace, so changing any of them re-lints.
 * A test checks the version against node_modules/harper.js.
 */
export const errorBackendDescription =
  'harper.js@2.10.0 (plaintext, en-US, slim WASM build; non-prose stripped, rules v1; style, enhancement, readability, formatting, ' +
  'redundancy, regionalism lints and OkToOkay not counted; acronym/digit spelling lints not counted; counting v2: rules whose ' +
  'description examples give only uncounted kinds off, overlaps removed among counted lints only; runs of over 1,000 non-space ' +
  'characters cut to 1,000)';

export const errorCacheNamespace = `error:${errorBackendDescription}`;

/** Where the rule kinds learnt from Harper's rule descriptions are cached (harper-rule-kinds.ts). */
export const errorRuleKindsCacheNamespace = `error-rule-kinds:${errorBackendDescription}`;

export const dimension: DimensionModule = {
  definition: {
    id: 'error',
    level: 'surface-form',
    title: 'Grammar and spelling errors',
    description:
      'Grammar, spelling, capitalization and word-choice errors that Harper (a rule-based checker) finds in the ' +
      'user\'s own prose, after code, links, addresses, paths, quoted lines, tables, logs and data are stripped ' +
      '(dimensions/error/README.md). Headline unit: one value per dialogue.',
    measures: [
      {
        id: 'errors',
        scale: 'numeric',
        unit: 'errors per dialogue',
        description: 'Counted Harper lints summed over the dialogue\'s user messages.',
      },
      {
        id: 'errors_per_100_words',
        scale: 'numeric',
        unit: 'errors per 100 words of linted user prose (per dialogue)',
        description:
          '100 × errors / whitespace words of the prose that was linted (after stripping). Null when the dialogue ' +
          'has no user prose.',
      },
    ],
    /** Headline: errors per 100 words does not grow with message length, so it is not a second length measure. */
    headlineMeasure: 'errors_per_100_words',
  },
  backends: [...errorBackends],
  async createAnnotator(backend: string): Promise<DimensionAnnotator> {
    if (!(errorBackends as readonly string[]).includes(backend)) {
      throw new RealsimError(
        'USAGE',
        `error backend: expected one of ${errorBackends.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(backend)}`,
      );
    }
    // Harper starts once per annotator (one WASM compile, about 2 s) and only when a message is not cached.
    let checker: Promise<GrammarChecker> | undefined;
    const getChecker = (cache: AnnotationCache) =>
      (checker ??= createHarperGrammarChecker({ ruleKindsStore: { cache, namespace: errorRuleKindsCacheNamespace } }));
    return {
      backend: errorBackendDescription,
      annotate: (dialogues, context) => annotateUserErrors(dialogues, context, errorCacheNamespace, getChecker),
      async dispose() {
        if (checker) await (await checker).dispose();
        checker = undefined;
      },
    };
  },
};
