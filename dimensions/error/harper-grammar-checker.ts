import { LocalLinter } from 'harper.js';
import { binary as fullBinary } from 'harper.js/binary';
import { slimBinary } from 'harper.js/slimBinary';
import { countWhitespaceWords } from '../length/count-whitespace-words.js';
import { disabledHarperRules, isCountedLint } from './counted-lints.js';
import { stripNonProse } from './strip-non-prose.js';

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
}

async function createLinter(binaryName: HarperBinaryName): Promise<LocalLinter> {
  const linter = new LocalLinter({ binary: harperBinaries[binaryName] });
  await linter.setup();
  const config = await linter.getLintConfig();
  for (const rule of disabledHarperRules) config[rule] = false;
  await linter.setLintConfig(config);
  return linter;
}

export async function createHarperGrammarChecker(options: HarperGrammarCheckerOptions = {}): Promise<GrammarChecker> {
  const recycleInterval = options.recycleInterval ?? linterRecycleInterval;
  const binaryName = options.binary ?? defaultHarperBinary;
  let linter = await createLinter(binaryName);
  let calls = 0;
  let callsOnThisLinter = 0;
  return {
    async check(text) {
      const { prose } = stripNonProse(text);
      const proseWords = countWhitespaceWords(prose);
      if (proseWords === 0) return noUserMessageErrors;
      if (callsOnThisLinter >= recycleInterval) {
        await linter.dispose();
        linter = await createLinter(binaryName);
        callsOnThisLinter = 0;
      }
      calls += 1;
      callsOnThisLinter += 1;
      // lint() rather than organizedLints(): the latter returns all ~885 rule groups per call (+1.5 ms a call)
      const lints = await linter.lint(prose, { language: 'plaintext' });
      let errors = 0;
      const kinds: Record<string, number> = {};
      for (const lint of lints) {
        const kind = lint.lint_kind();
        if (isCountedLint({ kind, problemText: lint.get_problem_text() })) {
          errors += 1;
          kinds[kind] = (kinds[kind] ?? 0) + 1;
        }
        lint.free();
      }
      return { errors, proseWords, kinds };
    },
    lintCalls: () => calls,
    dispose: () => linter.dispose(),
  };
}
