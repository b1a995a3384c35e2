import { LocalLinter } from 'harper.js';
import { binary as fullBinary } from 'harper.js/binary';
import { slimBinary } from 'harper.js/slimBinary';
import { countWhitespaceWords } from '../length/count-whitespace-words.js';
import type { Lint } from 'harper.js';
import type { AnnotationCache } from '../../src/annotate/annotation-cache.js';
import { disabledHarperRules, isCountedLint, removeOverlappingLints, type PlacedLint } from './counted-lints.js';
import { observeHarperRuleKinds, selectCountedLintConfig, type RuleKinds } from './harper-rule-kinds.js';
import { stripNonProse } from './strip-non-prose.js';
import { shortenLongRuns } from '../../src/core/shorten-long-runs.js';

/** Longest run of non-space characters that reaches the stripping rules and Harper. */
export const LONGEST_LINTED_RUN = 1000;

/** What one user message contributes to the error dimension. */
export interface UserMessageErrors {
  /** Counted Harper lints in the message's prose. */
  errors: number;
  /** Whitespace words of the prose Harper linted (after stripping; placeholders count as one word). */
  proseWords: number;
  /** Counted lints by Harper lint kind, e.g. { Spelling: 2, Capitalization: 1 }. */
  kinds: Record<string, number>;
}

export interface GrammarChecker {
  check(text: string): Promise<UserMessageErrors>;
  /** How many times Harper was asked to lint (messages without prose are answered without it). */
  lintCalls(): number;
  dispose(): Promise<void>;
}

export const noUserMessageErrors: UserMessageErrors = { errors: 0, proseWords: 0, kinds: {} };

/**
 * Harper grows its WASM heap with per-text caches while it lints; a fresh linter on the already loaded
 * binary costs about 0.1 s, so one is made every `linterRecycleInterval` lint calls to keep peak memory flat.
 * The WASM binary itself is compiled once per process.
 */
export const linterRecycleInterval = 1000;

/**
 * harper.js's slim WASM binary: the same 885 rules, descriptions and default config as the full one, and the
 * same counted lints on every one of the 6,758 linted distinct user messages of the realsim real set and the
 * MirrorBench pairs (README.md). The full binary's loader also instantiates the slim module first, so it
 * holds two compiled modules; the slim one alone uses about 40 MB less memory at the same speed.
 */
export type HarperBinaryName = 'slim' | 'full';
/** Typed by what LocalLinter accepts, so type declarations need not name harper.js's private classes. */
export const harperBinaries: Record<HarperBinaryName, ConstructorParameters<typeof LocalLinter>[0]['binary']> = { slim: slimBinary, full: fullBinary };
export const defaultHarperBinary: HarperBinaryName = 'slim';

export interface HarperGrammarCheckerOptions {
  recycleInterval?: number;
  /** Which harper.js WASM build lints (tests compare the two). */
  binary?: HarperBinaryName;
  /** Where the learnt rule kinds are read from and kept (see harperRuleKinds). */
  ruleKindsStore?: RuleKindsStore;
}

/** The rule kinds are learnt once per process and binary (a probe lint of all rules' examples, about 5–6 s of CPU). */
const ruleKindsByBinary = new Map<HarperBinaryName, Promise<RuleKinds>>();

/**
 * Where learnt rule kinds are kept between runs: an annotation cache namespace that names Harper's version and
 * build (the error backend), so a cold run with a warm cache directory does not probe again.
 */
export interface RuleKindsStore {
  cache: AnnotationCache;
  namespace: string;
}

/** Cache key of the rule kinds; a new probe method gets a new key. */
export const ruleKindsCacheKey = 'description-examples-probe-v1';

export function isRuleKinds(value: unknown): value is RuleKinds {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((kinds) => Array.isArray(kinds) && kinds.every((kind) => typeof kind === 'string'));
}

async function learnRuleKinds(binaryName: HarperBinaryName, store: RuleKindsStore | undefined): Promise<RuleKinds> {
  const cached = store?.cache.get(store.namespace, ruleKindsCacheKey);
  if (isRuleKinds(cached)) return cached;
  const probeLinter = new LocalLinter({ binary: harperBinaries[binaryName] });
  try {
    await probeLinter.setup();
    const ruleKinds = await observeHarperRuleKinds(probeLinter);
    store?.cache.setMany(store.namespace, [[ruleKindsCacheKey, ruleKinds]]);
    return ruleKinds;
  } finally {
    await probeLinter.dispose();
  }
}

export function harperRuleKinds(binaryName: HarperBinaryName = defaultHarperBinary, store?: RuleKindsStore): Promise<RuleKinds> {
  let ruleKinds = ruleKindsByBinary.get(binaryName);
  if (!ruleKinds) {
    ruleKinds = learnRuleKinds(binaryName, store);
    ruleKindsByBinary.set(binaryName, ruleKinds);
  }
  return ruleKinds;
}

/** Harper's default rules minus those that only produce uncounted kinds and minus `disabledHarperRules`. */
export async function countedLintConfig(binaryName: HarperBinaryName = defaultHarperBinary, store?: RuleKindsStore) {
  const defaultConfig = await harperBinaries[binaryName].getDefaultLintConfig();
  return selectCountedLintConfig(defaultConfig, await harperRuleKinds(binaryName, store), disabledHarperRules);
}

async function createLinter(binaryName: HarperBinaryName, store: RuleKindsStore | undefined): Promise<LocalLinter> {
  const config = await countedLintConfig(binaryName, store);
  const linter = new LocalLinter({ binary: harperBinaries[binaryName] });
  await linter.setup();
  await linter.setLintConfig(config);
  return linter;
}

function lintPriority(lint: Lint): number {
  const priority = (JSON.parse(lint.to_json()) as { inner?: { priority?: unknown } }).inner?.priority;
  return typeof priority === 'number' ? priority : 0;
}

/**
 * Counted lints of one text. Harper's own overlap removal is off (dedup: false) and is applied to the counted
 * lints only (removeOverlappingLints), so a lint that is not counted can never hide one that is.
 */
export function countLints(lints: Lint[]): Pick<UserMessageErrors, 'errors' | 'kinds'> {
  const counted: PlacedLint[] = [];
  for (const lint of lints) {
    const kind = lint.lint_kind();
    if (isCountedLint({ kind, problemText: lint.get_problem_text() })) {
      const span = lint.span();
      counted.push({ kind, start: span.start, end: span.end, priority: lintPriority(lint) });
      span.free();
    }
    lint.free();
  }
  const kinds: Record<string, number> = {};
  const kept = removeOverlappingLints(counted);
  for (const lint of kept) kinds[lint.kind] = (kinds[lint.kind] ?? 0) + 1;
  return { errors: kept.length, kinds };
}

export async function createHarperGrammarChecker(options: HarperGrammarCheckerOptions = {}): Promise<GrammarChecker> {
  const recycleInterval = options.recycleInterval ?? linterRecycleInterval;
  const binaryName = options.binary ?? defaultHarperBinary;
  let linter = await createLinter(binaryName, options.ruleKindsStore);
  let calls = 0;
  let callsOnThisLinter = 0;
  return {
    async check(text) {
      // stripping non-prose is quadratic in the length of one run (100 kB took 9 s, a 10 MB token never ended);
      // a run of over 1,000 non-space characters is one word to Harper either way
      const { prose } = stripNonProse(shortenLongRuns(text, LONGEST_LINTED_RUN));
      const proseWords = countWhitespaceWords(prose);
      if (proseWords === 0) return noUserMessageErrors;
      if (callsOnThisLinter >= recycleInterval) {
        await linter.dispose();
        linter = await createLinter(binaryName, options.ruleKindsStore);
        callsOnThisLinter = 0;
      }
      calls += 1;
      callsOnThisLinter += 1;
      // lint() rather than organizedLints(): the latter returns all ~885 rule groups per call (+1.5 ms a call)
      const lints = await linter.lint(prose, { language: 'plaintext', dedup: false });
      return { ...countLints(lints), proseWords };
    },
    lintCalls: () => calls,
    dispose: () => linter.dispose(),
  };
}
