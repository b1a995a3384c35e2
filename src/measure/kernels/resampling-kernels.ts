import { RealsimError } from '../../core/realsim-error.js';
import {
  F64,
  I32,
  block,
  branchIf,
  encodeModule,
  f64,
  i32,
  i64,
  ifThen,
  local,
  loop,
  memoryFill,
  returnValue,
  type Code,
  type FunctionDefinition,
} from './wasm-encoding.js';

/**
 * The inner loops of bootstrap resampling and permutation tests as WebAssembly functions: the same
 * arithmetic, in the same order, as the JavaScript loops they replace (so a report is byte-identical
 * with or without them), about 3× faster per element on the machines we measured (a typed-array
 * scatter: 4.6 ns in JavaScript, 1.5 ns here). The random draws are mulberry32, step for step the
 * generator of createSeededRandom: a kernel takes the generator's 32-bit state and returns it advanced.
 *
 * The arrays a kernel reads and writes live in one KernelArena (a WebAssembly memory); a kernel takes
 * their byte offsets.
 */

/** Locals of a kernel that draws: the generator state and a scratch word. */
interface GeneratorLocals {
  state: number;
  mixed: number;
}

/** One mulberry32 step: advances `state` and leaves the step's 32 output bits (an unsigned i32) on the stack. */
function nextBits({ state, mixed }: GeneratorLocals): Code {
  return [
    ...local.set(state, i32.add(local.get(state), i32.const(0x6d2b79f5))),
    ...local.set(mixed, i32.mul(i32.xor(local.get(state), i32.shrU(local.get(state), i32.const(15))), i32.or(local.get(state), i32.const(1)))),
    ...local.set(
      mixed,
      i32.xor(
        local.get(mixed),
        i32.add(local.get(mixed), i32.mul(i32.xor(local.get(mixed), i32.shrU(local.get(mixed), i32.const(7))), i32.or(local.get(mixed), i32.const(61)))),
      ),
    ),
    ...i32.xor(local.get(mixed), i32.shrU(local.get(mixed), i32.const(14))),
  ];
}

/** One mulberry32 step: advances `state` and leaves the uniform [0, 1) double (bits / 2³²) on the stack. */
function nextUniform(generator: GeneratorLocals): Code {
  return f64.div(f64.convertI32U(nextBits(generator)), f64.const(4294967296));
}

/**
 * How a draw turns a step into an index below a count: 'double' is randomIndex itself, Math.floor(bits / 2³² ×
 * count) in doubles; 'integer' is (bits × count) >> 32 in 64-bit integers, the same index whenever count ≤
 * 2²¹: bits / 2³² × count is then a multiple of 2⁻³² below 2²¹, which needs at most 53 significant bits, so the
 * double product is exact and its floor is the integer quotient. About a third faster per draw (measured:
 * 3.3 → 2.3 ns per bootstrap draw at 50,000 units), so the kernels use it up to INTEGER_INDEX_LIMIT.
 */
type IndexArithmetic = 'double' | 'integer';

/** The largest count for which the 'integer' index equals randomIndex's (see IndexArithmetic). */
export const INTEGER_INDEX_LIMIT = 2 ** 21;

/** randomIndex(count) as an i32, by the given arithmetic. */
function nextIndex(generator: GeneratorLocals, count: Code, arithmetic: IndexArithmetic): Code {
  if (arithmetic === 'integer') return i64.wrapToI32(i64.shrU(i64.mul(i64.extendI32U(nextBits(generator)), i64.extendI32U(count)), i64.const(32)));
  return i32.truncF64U(f64.floor(f64.mul(nextUniform(generator), f64.convertI32U(count))));
}

/** for (counter = 0; counter < limit; counter++) body — nothing when limit is 0. */
function countedLoop(counter: number, limit: Code, ...body: Code[]): Code {
  return [
    ...local.set(counter, i32.const(0)),
    ...block(branchIf(0, i32.eqz(limit)), loop(...body, local.set(counter, i32.add(local.get(counter), i32.const(1))), branchIf(0, i32.ltU(local.get(counter), limit)))),
  ];
}

const elementAddress = (base: Code, index: Code, log2Bytes: number): Code => i32.add(base, log2Bytes === 0 ? index : i32.shl(index, i32.const(log2Bytes)));

/** drawBootstrapWeights(weights: u32*, size, state) → state: weights = multiplicities of `size` draws among `size` units. */
function drawBootstrapWeights(name: string, arithmetic: IndexArithmetic): FunctionDefinition {
  const [weights, size, state, draw, mixed, address] = [0, 1, 2, 3, 4, 5];
  return {
    name,
    parameters: [I32, I32, I32],
    results: [I32],
    locals: [I32, I32, I32],
    body: [
      ...memoryFill(local.get(weights), i32.const(0), i32.shl(local.get(size), i32.const(2))),
      ...countedLoop(
        draw,
        local.get(size),
        local.set(address, elementAddress(local.get(weights), nextIndex({ state, mixed }, local.get(size), arithmetic), 2)),
        i32.store(local.get(address), i32.add(i32.load(local.get(address)), i32.const(1))),
      ),
      ...local.get(state),
    ],
  };
}

/** drawPartialShuffle(order: u32*, inA: u8*, sizeA, size, state) → state: a uniform sizeA-subset flagged in inA. */
function drawPartialShuffle(name: string, arithmetic: IndexArithmetic): FunctionDefinition {
  const [order, inA, sizeA, size, state, position, mixed, swapAddress, positionAddress, drawn] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  return {
    name,
    parameters: [I32, I32, I32, I32, I32],
    results: [I32],
    locals: [I32, I32, I32, I32, I32],
    body: [
      ...memoryFill(local.get(inA), i32.const(0), local.get(size)),
      ...countedLoop(
        position,
        local.get(sizeA),
        local.set(
          swapAddress,
          elementAddress(local.get(order), i32.add(local.get(position), nextIndex({ state, mixed }, i32.sub(local.get(size), local.get(position)), arithmetic)), 2),
        ),
        local.set(positionAddress, elementAddress(local.get(order), local.get(position), 2)),
        local.set(drawn, i32.load(local.get(swapAddress))),
        i32.store(local.get(swapAddress), i32.load(local.get(positionAddress))),
        i32.store(local.get(positionAddress), local.get(drawn)),
        i32.store8(i32.add(local.get(inA), local.get(drawn)), i32.const(1)),
      ),
      ...local.get(state),
    ],
  };
}

/** drawPairSwaps(inA: u8*, pairs, state) → state: pair i's members swap groups when a uniform < ½. */
function drawPairSwaps(): FunctionDefinition {
  const [inA, pairs, state, pair, mixed, swap] = [0, 1, 2, 3, 4, 5];
  return {
    name: 'drawPairSwaps',
    parameters: [I32, I32, I32],
    results: [I32],
    locals: [I32, I32, I32],
    body: [
      ...countedLoop(
        pair,
        local.get(pairs),
        local.set(swap, f64.lt(nextUniform({ state, mixed }), f64.const(0.5))),
        i32.store8(i32.add(local.get(inA), local.get(pair)), i32.sub(i32.const(1), local.get(swap))),
        i32.store8(i32.add(i32.add(local.get(inA), local.get(pairs)), local.get(pair)), local.get(swap)),
      ),
      ...local.get(state),
    ],
  };
}

/**
 * sumWeightsByAtom(atomOf: u32*, weights: u32*, into: f64*, units, atoms) → Σ weights: into[atomOf[i]] +=
 * weights[i] after zeroing `atoms` slots; returns the total weight of all units (spare slot included).
 */
function sumByAtom(name: string, loadWeight: (address: Code) => Code, log2WeightBytes: number): FunctionDefinition {
  const [atomOf, weights, into, units, atoms, unit, address, weight, total] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  return {
    name,
    parameters: [I32, I32, I32, I32, I32],
    results: [F64],
    locals: [I32, I32, F64, F64],
    body: [
      ...memoryFill(local.get(into), i32.const(0), i32.shl(local.get(atoms), i32.const(3))),
      ...countedLoop(
        unit,
        local.get(units),
        local.set(address, elementAddress(local.get(into), i32.load(elementAddress(local.get(atomOf), local.get(unit), 2)), 3)),
        local.set(weight, f64.convertI32U(loadWeight(elementAddress(local.get(weights), local.get(unit), log2WeightBytes)))),
        f64.store(local.get(address), f64.add(f64.load(local.get(address)), local.get(weight))),
        local.set(total, f64.add(local.get(total), local.get(weight))),
      ),
      ...local.get(total),
    ],
  };
}

/**
 * countByAtom(atomOf: u32*, weights: u32*, counts: u32*, into: f64*, units, atoms) → Σ weights: sumByAtom's
 * sums, added up as 32-bit integers in `counts` and then written to `into` as doubles. The same values (the
 * sums are integers below 2³², exact either way), but an integer add has a shorter dependency chain than a
 * double add when consecutive units fall on the same atom, which is common when there are few atoms (tag
 * patterns): measured 1.8–2.2 → 1.2–1.4 ns per unit with 3–20 atoms, 1.0 → 0.85 ns with 200–3,000.
 * Worth it when the atoms are few next to the units (the conversion pass reads every atom).
 */
function countByAtom(name: string, loadWeight: (address: Code) => Code, log2WeightBytes: number): FunctionDefinition {
  const [atomOf, weights, counts, into, units, atoms, unit, address, weight, total] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  return {
    name,
    parameters: [I32, I32, I32, I32, I32, I32],
    results: [F64],
    locals: [I32, I32, I32, I32],
    body: [
      ...memoryFill(local.get(counts), i32.const(0), i32.shl(local.get(atoms), i32.const(2))),
      ...countedLoop(
        unit,
        local.get(units),
        local.set(address, elementAddress(local.get(counts), i32.load(elementAddress(local.get(atomOf), local.get(unit), 2)), 2)),
        local.set(weight, loadWeight(elementAddress(local.get(weights), local.get(unit), log2WeightBytes))),
        i32.store(local.get(address), i32.add(i32.load(local.get(address)), local.get(weight))),
        local.set(total, i32.add(local.get(total), local.get(weight))),
      ),
      ...countedLoop(
        unit,
        local.get(atoms),
        f64.store(elementAddress(local.get(into), local.get(unit), 3), f64.convertI32U(i32.load(elementAddress(local.get(counts), local.get(unit), 2)))),
      ),
      ...f64.convertI32U(local.get(total)),
    ],
  };
}

/**
 * expandPatternCounts(offsets: u32*, categoryIndexes: u32*, counts: f64*, patternWeights: f64*, into: f64*,
 * patterns, categories) → total: addPatternCounts (weights per tag pattern → counts per category).
 */
function expandPatternCounts(): FunctionDefinition {
  const [offsets, categoryIndexes, counts, patternWeights, into, patterns, categories] = [0, 1, 2, 3, 4, 5, 6];
  const [pattern, entry, end, address, weight, mass, total] = [7, 8, 9, 10, 11, 12, 13];
  return {
    name: 'expandPatternCounts',
    parameters: [I32, I32, I32, I32, I32, I32, I32],
    results: [F64],
    locals: [I32, I32, I32, I32, F64, F64, F64],
    body: [
      ...memoryFill(local.get(into), i32.const(0), i32.shl(local.get(categories), i32.const(3))),
      ...countedLoop(
        pattern,
        local.get(patterns),
        local.set(weight, f64.load(elementAddress(local.get(patternWeights), local.get(pattern), 3))),
        block(
          branchIf(0, f64.eq(local.get(weight), f64.const(0))),
          local.set(entry, i32.load(elementAddress(local.get(offsets), local.get(pattern), 2))),
          local.set(end, i32.load(elementAddress(local.get(offsets), i32.add(local.get(pattern), i32.const(1)), 2))),
          block(
            branchIf(0, i32.eq(local.get(entry), local.get(end))),
            loop(
              local.set(mass, f64.mul(local.get(weight), f64.load(elementAddress(local.get(counts), local.get(entry), 3)))),
              local.set(address, elementAddress(local.get(into), i32.load(elementAddress(local.get(categoryIndexes), local.get(entry), 2)), 3)),
              f64.store(local.get(address), f64.add(f64.load(local.get(address)), local.get(mass))),
              local.set(total, f64.add(local.get(total), local.get(mass))),
              local.set(entry, i32.add(local.get(entry), i32.const(1))),
              branchIf(0, i32.ltU(local.get(entry), local.get(end))),
            ),
          ),
        ),
      ),
      ...local.get(total),
    ],
  };
}

/**
 * wassersteinWithTotals(gaps: f64*, weightsA: f64*, weightsB: f64*, length, totalA, totalB) → W1 where
 * gaps[k] = values[k+1] − values[k] and the totals are the sums of the weights (known to the caller, so one
 * pass fewer than wassersteinOnSupport, same result); NaN when a total is ≤ 0.
 * As wassersteinOfComplement (`complement`), the third array holds every unit's count per atom and side B's
 * weight is taken as counts[k] − weightsA[k] where it is read, instead of being written out and read back
 * (a permutation's group B is every unit not in group A).
 */
function wassersteinWithTotals(name: string, complement: boolean): FunctionDefinition {
  const [gaps, weightsA, weightsB, length, totalA, totalB, index, offset] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [cumulativeA, cumulativeB, integral, weightA] = [8, 9, 10, 11];
  const at = (base: number): Code => f64.load(i32.add(local.get(base), local.get(offset)));
  return {
    name,
    parameters: [I32, I32, I32, I32, F64, F64],
    results: [F64],
    locals: [I32, I32, F64, F64, F64, F64],
    body: [
      ...ifThen(f64.le(local.get(totalA), f64.const(0)), returnValue(f64.const(Number.NaN))),
      ...ifThen(f64.le(local.get(totalB), f64.const(0)), returnValue(f64.const(Number.NaN))),
      ...countedLoop(
        index,
        i32.sub(local.get(length), i32.const(1)),
        local.set(offset, i32.shl(local.get(index), i32.const(3))),
        local.set(weightA, at(weightsA)),
        local.set(cumulativeA, f64.add(local.get(cumulativeA), local.get(weightA))),
        local.set(cumulativeB, f64.add(local.get(cumulativeB), complement ? f64.sub(at(weightsB), local.get(weightA)) : at(weightsB))),
        local.set(
          integral,
          f64.add(
            local.get(integral),
            f64.mul(f64.abs(f64.sub(f64.mul(local.get(cumulativeA), local.get(totalB)), f64.mul(local.get(cumulativeB), local.get(totalA)))), at(gaps)),
          ),
        ),
      ),
      ...f64.div(local.get(integral), f64.mul(local.get(totalA), local.get(totalB))),
    ],
  };
}

/**
 * weightedTotals(values: f64*, hasValue: f64*, weights: u32*, units, out: f64*): out[0] = Σ wᵢ·valueᵢ,
 * out[1] = Σ wᵢ·hasValueᵢ (weightedSampleMean's two sums).
 */
function weightedTotals(): FunctionDefinition {
  const [values, hasValue, weights, units, out, unit, weight] = [0, 1, 2, 3, 4, 5, 6];
  const [total, weightTotal] = [7, 8];
  return {
    name: 'weightedTotals',
    parameters: [I32, I32, I32, I32, I32],
    results: [],
    locals: [I32, F64, F64, F64],
    body: [
      ...countedLoop(
        unit,
        local.get(units),
        local.set(weight, f64.convertI32U(i32.load(elementAddress(local.get(weights), local.get(unit), 2)))),
        local.set(total, f64.add(local.get(total), f64.mul(local.get(weight), f64.load(elementAddress(local.get(values), local.get(unit), 3))))),
        local.set(weightTotal, f64.add(local.get(weightTotal), f64.mul(local.get(weight), f64.load(elementAddress(local.get(hasValue), local.get(unit), 3))))),
      ),
      ...f64.store(local.get(out), local.get(total)),
      ...f64.store(i32.add(local.get(out), i32.const(8)), local.get(weightTotal)),
    ],
  };
}

/**
 * wassersteinWithTotalsAndSums(gaps: f64*, values: f64*, weightsA: f64*, weightsB: f64*, length, totalA,
 * totalB, out: f64*) → wassersteinWithTotals's W1 (same operations, same order), and in the same pass
 * out[0] = Σ values[k]·weightsA[k], out[1] = Σ values[k]·weightsB[k] over the `length` atoms (the weighted
 * means' numerators); NaN and nothing written when a total is ≤ 0.
 */
function wassersteinWithTotalsAndSums(): FunctionDefinition {
  const [gaps, values, weightsA, weightsB, length, totalA, totalB, out, index, offset] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [cumulativeA, cumulativeB, integral, sumA, sumB, weightA, weightB] = [10, 11, 12, 13, 14, 15, 16];
  const at = (base: number): Code => f64.load(i32.add(local.get(base), local.get(offset)));
  return {
    name: 'wassersteinWithTotalsAndSums',
    parameters: [I32, I32, I32, I32, I32, F64, F64, I32],
    results: [F64],
    locals: [I32, I32, F64, F64, F64, F64, F64, F64, F64],
    body: [
      ...ifThen(f64.le(local.get(totalA), f64.const(0)), returnValue(f64.const(Number.NaN))),
      ...ifThen(f64.le(local.get(totalB), f64.const(0)), returnValue(f64.const(Number.NaN))),
      ...countedLoop(
        index,
        i32.sub(local.get(length), i32.const(1)),
        local.set(offset, i32.shl(local.get(index), i32.const(3))),
        local.set(weightA, at(weightsA)),
        local.set(weightB, at(weightsB)),
        local.set(cumulativeA, f64.add(local.get(cumulativeA), local.get(weightA))),
        local.set(cumulativeB, f64.add(local.get(cumulativeB), local.get(weightB))),
        local.set(
          integral,
          f64.add(
            local.get(integral),
            f64.mul(f64.abs(f64.sub(f64.mul(local.get(cumulativeA), local.get(totalB)), f64.mul(local.get(cumulativeB), local.get(totalA)))), at(gaps)),
          ),
        ),
        local.set(sumA, f64.add(local.get(sumA), f64.mul(at(values), local.get(weightA)))),
        local.set(sumB, f64.add(local.get(sumB), f64.mul(at(values), local.get(weightB)))),
      ),
      // the last atom has no gap after it
      ...local.set(offset, i32.shl(i32.sub(local.get(length), i32.const(1)), i32.const(3))),
      ...f64.store(local.get(out), f64.add(local.get(sumA), f64.mul(at(values), at(weightsA)))),
      ...f64.store(i32.add(local.get(out), i32.const(8)), f64.add(local.get(sumB), f64.mul(at(values), at(weightsB)))),
      ...f64.div(local.get(integral), f64.mul(local.get(totalA), local.get(totalB))),
    ],
  };
}

/**
 * vectorSumByWeight(vectorSums: f64*, vectorCounts: u32*, weights: u32* or flags: u8*, into: f64*, size,
 * vectorLength) → Σ weight·count: weightedVectorSum (aggregate-sample.ts) — into = Σ weightᵢ·vectorSumᵢ over
 * the dialogues with a weight and a vector, after zeroing `vectorLength` slots — with the same operations in
 * the same order (dialogue by dialogue, component by component), so the same doubles. With `multiply` false
 * (0/1 flags of a permutation) a flagged row is added as it is, as createMembershipDistance does.
 */
function vectorSumByWeight(name: string, loadWeight: (address: Code) => Code, log2WeightBytes: number, multiply: boolean): FunctionDefinition {
  const [vectorSums, vectorCounts, weights, into, size, vectorLength] = [0, 1, 2, 3, 4, 5];
  const [dialogue, component, weightBits, vectorCount, row, address, weight, count] = [6, 7, 8, 9, 10, 11, 12, 13];
  const componentOffset = (): Code => i32.shl(local.get(component), i32.const(3));
  const rowValue = (): Code => f64.load(i32.add(local.get(row), componentOffset()));
  return {
    name,
    parameters: [I32, I32, I32, I32, I32, I32],
    results: [F64],
    locals: [I32, I32, I32, I32, I32, I32, F64, F64],
    body: [
      ...memoryFill(local.get(into), i32.const(0), i32.shl(local.get(vectorLength), i32.const(3))),
      ...countedLoop(
        dialogue,
        local.get(size),
        local.set(weightBits, loadWeight(elementAddress(local.get(weights), local.get(dialogue), log2WeightBytes))),
        local.set(vectorCount, i32.load(elementAddress(local.get(vectorCounts), local.get(dialogue), 2))),
        ifThen(
          i32.and(i32.ne(local.get(weightBits), i32.const(0)), i32.ne(local.get(vectorCount), i32.const(0))),
          local.set(weight, f64.convertI32U(local.get(weightBits))),
          local.set(count, f64.add(local.get(count), multiply ? f64.mul(local.get(weight), f64.convertI32U(local.get(vectorCount))) : f64.convertI32U(local.get(vectorCount)))),
          local.set(row, i32.add(local.get(vectorSums), i32.shl(i32.mul(local.get(dialogue), local.get(vectorLength)), i32.const(3)))),
          countedLoop(
            component,
            local.get(vectorLength),
            local.set(address, i32.add(local.get(into), componentOffset())),
            f64.store(local.get(address), f64.add(f64.load(local.get(address)), multiply ? f64.mul(local.get(weight), rowValue()) : rowValue())),
          ),
        ),
      ),
      ...local.get(count),
    ],
  };
}

/** Largest arena: 2 GiB (32,768 pages of 64 KiB). */
const MAXIMUM_PAGES = 32_768;
const PAGE_BYTES = 65_536;

interface ResamplingKernelExports {
  drawBootstrapWeights(weights: number, size: number, state: number): number;
  drawPartialShuffle(order: number, inA: number, sizeA: number, size: number, state: number): number;
  drawPairSwaps(inA: number, pairs: number, state: number): number;
  drawBootstrapWeightsByInteger(weights: number, size: number, state: number): number;
  drawPartialShuffleByInteger(order: number, inA: number, sizeA: number, size: number, state: number): number;
  sumWeightsByAtom(atomOf: number, weights: number, into: number, units: number, atoms: number): number;
  sumFlagsByAtom(atomOf: number, flags: number, into: number, units: number, atoms: number): number;
  countWeightsByAtom(atomOf: number, weights: number, counts: number, into: number, units: number, atoms: number): number;
  countFlagsByAtom(atomOf: number, flags: number, counts: number, into: number, units: number, atoms: number): number;
  expandPatternCounts(offsets: number, categoryIndexes: number, counts: number, patternWeights: number, into: number, patterns: number, categories: number): number;
  wassersteinWithTotals(gaps: number, weightsA: number, weightsB: number, length: number, totalA: number, totalB: number): number;
  wassersteinOfComplement(gaps: number, weightsA: number, counts: number, length: number, totalA: number, totalB: number): number;
  weightedTotals(values: number, hasValue: number, weights: number, units: number, out: number): void;
  wassersteinWithTotalsAndSums(gaps: number, values: number, weightsA: number, weightsB: number, length: number, totalA: number, totalB: number, out: number): number;
  vectorSumByWeights(vectorSums: number, vectorCounts: number, weights: number, into: number, size: number, vectorLength: number): number;
  vectorSumByFlags(vectorSums: number, vectorCounts: number, flags: number, into: number, size: number, vectorLength: number): number;
}

let compiledModule: WebAssembly.Module | undefined;

function resamplingModule(): WebAssembly.Module {
  compiledModule ??= new WebAssembly.Module(
    encodeModule(
      [
        drawBootstrapWeights('drawBootstrapWeights', 'double'),
        drawPartialShuffle('drawPartialShuffle', 'double'),
        drawPairSwaps(),
        sumByAtom('sumWeightsByAtom', (address) => i32.load(address), 2),
        sumByAtom('sumFlagsByAtom', (address) => i32.load8u(address), 0),
        weightedTotals(),
        expandPatternCounts(),
        wassersteinWithTotals('wassersteinWithTotals', false),
        wassersteinWithTotalsAndSums(),
        countByAtom('countWeightsByAtom', (address) => i32.load(address), 2),
        countByAtom('countFlagsByAtom', (address) => i32.load8u(address), 0),
        drawBootstrapWeights('drawBootstrapWeightsByInteger', 'integer'),
        drawPartialShuffle('drawPartialShuffleByInteger', 'integer'),
        wassersteinWithTotals('wassersteinOfComplement', true),
        vectorSumByWeight('vectorSumByWeights', (address) => i32.load(address), 2, true),
        vectorSumByWeight('vectorSumByFlags', (address) => i32.load8u(address), 0, false),
      ],
      MAXIMUM_PAGES,
    ),
  );
  return compiledModule;
}

type KernelArray = Uint8Array | Uint32Array | Float64Array;

/** An embedding sample's per-dialogue vector sums (row-major, size × vector length) and vector counts, in an arena. */
export interface ArenaVectors {
  vectorSums: Float64Array;
  vectorCounts: Uint32Array;
}

/**
 * A WebAssembly memory that holds the arrays of one resampling job (one comparison group, one
 * correlation bootstrap) and the kernels that work on them. Arrays are allocated from it and never
 * freed; the arena is garbage-collected with its last array. The memory is shared, so growing it never
 * detaches the arrays already handed out.
 */
export class KernelArena {
  private readonly memory: WebAssembly.Memory;
  private readonly kernels: ResamplingKernelExports;
  private readonly buffers = new Set<ArrayBufferLike>();
  /** Next free byte; the first 16 bytes are the output slot of weightedTotals. */
  private nextFree = 16;
  private readonly totalsOut: Float64Array;
  /** Scratch integer counts of countByAtom, grown to the most atoms asked for. */
  private counts: Uint32Array = new Uint32Array(0);

  constructor() {
    this.memory = new WebAssembly.Memory({ initial: 1, maximum: MAXIMUM_PAGES, shared: true });
    this.kernels = new WebAssembly.Instance(resamplingModule(), { env: { memory: this.memory } }).exports as unknown as ResamplingKernelExports;
    this.buffers.add(this.memory.buffer);
    this.totalsOut = new Float64Array(this.memory.buffer, 0, 2);
  }

  uint8Array(length: number): Uint8Array {
    const offset = this.reserve(length);
    return new Uint8Array(this.memory.buffer, offset, length);
  }

  uint32Array(length: number): Uint32Array {
    const offset = this.reserve(length * 4);
    return new Uint32Array(this.memory.buffer, offset, length);
  }

  float64Array(length: number): Float64Array {
    const offset = this.reserve(length * 8);
    return new Float64Array(this.memory.buffer, offset, length);
  }

  /** A copy of `source` in this arena. */
  copyOf<T extends KernelArray>(source: T): T {
    const copy = (source instanceof Uint8Array ? this.uint8Array(source.length) : source instanceof Uint32Array ? this.uint32Array(source.length) : this.float64Array(source.length)) as T;
    copy.set(source as never);
    return copy;
  }

  /** Whether every array lives in this arena (so a kernel may work on it). */
  holds(...arrays: readonly KernelArray[]): boolean {
    return arrays.every((array) => this.buffers.has(array.buffer));
  }

  /** Bytes in use, for benchmarks. */
  get usedBytes(): number {
    return this.nextFree;
  }

  /** Multiplicities of weights.length draws among weights.length units (drawWithReplacement's draws). */
  drawBootstrapWeights(weights: Uint32Array, state: number): number {
    const draw = weights.length <= INTEGER_INDEX_LIMIT ? this.kernels.drawBootstrapWeightsByInteger : this.kernels.drawBootstrapWeights;
    return draw(weights.byteOffset, weights.length, state);
  }

  /** A uniform sizeA-subset of inA.length units flagged in inA, order's first sizeA positions refilled. */
  drawPartialShuffle(order: Uint32Array, inA: Uint8Array, sizeA: number, state: number): number {
    const draw = inA.length <= INTEGER_INDEX_LIMIT ? this.kernels.drawPartialShuffleByInteger : this.kernels.drawPartialShuffle;
    return draw(order.byteOffset, inA.byteOffset, sizeA, inA.length, state);
  }

  drawPairSwaps(inA: Uint8Array, pairs: number, state: number): number {
    return this.kernels.drawPairSwaps(inA.byteOffset, pairs, state);
  }

  /**
   * into[atomOf[i]] += weights[i], after zeroing into (see sumWeightsByAtom). The weights must add up to less
   * than 2³² (true of a resample's multiplicities and of 0/1 weights): with few atoms they are counted in 32-bit
   * integers (addUpByAtom).
   */
  sumWeightsByAtom(atomOf: Uint32Array, weights: Uint32Array, into: Float64Array): Float64Array {
    this.addUpByAtom(atomOf, weights, into);
    return into;
  }

  /** into[atomOf[i]] += flags[i], after zeroing into. */
  sumFlagsByAtom(atomOf: Uint32Array, flags: Uint8Array, into: Float64Array): Float64Array {
    this.addUpByAtom(atomOf, flags, into);
    return into;
  }

  /**
   * sumWeightsByAtom that also returns the total weight of the units whose atom is not the spare last
   * slot of `into` (the total of the weighted sample).
   */
  sumWeightsByAtomWithTotal(atomOf: Uint32Array, weights: Uint32Array, into: Float64Array): number {
    return this.addUpByAtom(atomOf, weights, into) - (into[into.length - 1] as number);
  }

  /** sumFlagsByAtom that also returns the number of flagged units whose atom is not the spare last slot. */
  sumFlagsByAtomWithTotal(atomOf: Uint32Array, flags: Uint8Array, into: Float64Array): number {
    return this.addUpByAtom(atomOf, flags, into) - (into[into.length - 1] as number);
  }

  /**
   * The per-atom sums of weights (u32) or flags (u8), returning the total: counted in integers first
   * (countByAtom) when the atoms are at most a quarter of the units, else added up as doubles (sumByAtom).
   * Same values either way.
   */
  private addUpByAtom(atomOf: Uint32Array, weights: Uint32Array | Uint8Array, into: Float64Array): number {
    const [units, atoms] = [atomOf.length, into.length];
    const flags = weights instanceof Uint8Array;
    if (atoms * 4 > units) {
      return flags
        ? this.kernels.sumFlagsByAtom(atomOf.byteOffset, weights.byteOffset, into.byteOffset, units, atoms)
        : this.kernels.sumWeightsByAtom(atomOf.byteOffset, weights.byteOffset, into.byteOffset, units, atoms);
    }
    if (this.counts.length < atoms) this.counts = this.uint32Array(atoms);
    const count = flags ? this.kernels.countFlagsByAtom : this.kernels.countWeightsByAtom;
    return count(atomOf.byteOffset, weights.byteOffset, this.counts.byteOffset, into.byteOffset, units, atoms);
  }

  /** addPatternCounts: weights per tag pattern → counts per category (into overwritten); returns the total. */
  expandPatternCounts(
    pattern: { offsets: Uint32Array; categoryIndexes: Uint32Array; counts: Float64Array },
    patternWeights: Float64Array,
    into: Float64Array,
  ): number {
    const { offsets, categoryIndexes, counts } = pattern;
    return this.kernels.expandPatternCounts(
      offsets.byteOffset,
      categoryIndexes.byteOffset,
      counts.byteOffset,
      patternWeights.byteOffset,
      into.byteOffset,
      offsets.length - 1,
      into.length,
    );
  }

  /** W1 on a support given its gaps (values[k+1] − values[k]) and both weight totals; null when a total is ≤ 0. */
  wassersteinWithTotals(gaps: Float64Array, weightsA: Float64Array, weightsB: Float64Array, totalA: number, totalB: number): number | null {
    const distance = this.kernels.wassersteinWithTotals(gaps.byteOffset, weightsA.byteOffset, weightsB.byteOffset, gaps.length + 1, totalA, totalB);
    return Number.isNaN(distance) ? null : distance;
  }

  /**
   * wassersteinWithTotals(gaps, weightsA, B, totalA, totalB) where B[k] = counts[k] − weightsA[k] (side B is
   * every unit not in A), without writing B out: the same operations on the same values as with B written out.
   */
  wassersteinOfComplement(gaps: Float64Array, weightsA: Float64Array, counts: Float64Array, totalA: number, totalB: number): number | null {
    const distance = this.kernels.wassersteinOfComplement(gaps.byteOffset, weightsA.byteOffset, counts.byteOffset, gaps.length + 1, totalA, totalB);
    return Number.isNaN(distance) ? null : distance;
  }

  /** [Σ wᵢ·valueᵢ, Σ wᵢ·hasValueᵢ] over the units (weightedSampleMean's sums). */
  weightedTotals(values: Float64Array, hasValue: Float64Array, weights: Uint32Array): [number, number] {
    this.kernels.weightedTotals(values.byteOffset, hasValue.byteOffset, weights.byteOffset, values.length, this.totalsOut.byteOffset);
    return [this.totalsOut[0] as number, this.totalsOut[1] as number];
  }

  /**
   * wassersteinWithTotals on `values` (gaps = their differences), and the weighted sums Σ values·weights of
   * both sides (for the means), in one pass; null and no sums when a total is ≤ 0.
   */
  wassersteinWithTotalsAndSums(
    gaps: Float64Array,
    values: Float64Array,
    weightsA: Float64Array,
    weightsB: Float64Array,
    totalA: number,
    totalB: number,
  ): { distance: number; sumA: number; sumB: number } | null {
    const distance = this.kernels.wassersteinWithTotalsAndSums(
      gaps.byteOffset,
      values.byteOffset,
      weightsA.byteOffset,
      weightsB.byteOffset,
      values.length,
      totalA,
      totalB,
      this.totalsOut.byteOffset,
    );
    if (Number.isNaN(distance)) return null;
    return { distance, sumA: this.totalsOut[0] as number, sumB: this.totalsOut[1] as number };
  }

  /**
   * weightedVectorSum on the kernels: into = Σ weights[d]·vectorSums row d over the dialogues with a weight and a
   * vector (same doubles as the JavaScript loop); returns Σ weights[d]·vectorCounts[d].
   */
  vectorSumByWeights(vectors: ArenaVectors, weights: Uint32Array, into: Float64Array): number {
    return this.kernels.vectorSumByWeights(vectors.vectorSums.byteOffset, vectors.vectorCounts.byteOffset, weights.byteOffset, into.byteOffset, vectors.vectorCounts.length, into.length);
  }

  /** vectorSumByWeights with 0/1 flags: the flagged rows added up as they are; returns their vector count. */
  vectorSumByFlags(vectors: ArenaVectors, flags: Uint8Array, into: Float64Array): number {
    return this.kernels.vectorSumByFlags(vectors.vectorSums.byteOffset, vectors.vectorCounts.byteOffset, flags.byteOffset, into.byteOffset, vectors.vectorCounts.length, into.length);
  }

  private reserve(bytes: number): number {
    const start = this.nextFree;
    const end = start + Math.ceil(bytes / 8) * 8;
    const pages = this.memory.buffer.byteLength / PAGE_BYTES;
    const neededPages = Math.ceil(end / PAGE_BYTES);
    if (neededPages > MAXIMUM_PAGES) {
      throw new RealsimError('INTERNAL', `KernelArena: expected at most ${MAXIMUM_PAGES * PAGE_BYTES} bytes of resampling arrays, found a need for ${end}`);
    }
    if (neededPages > pages) {
      this.memory.grow(Math.max(neededPages - pages, Math.min(pages, MAXIMUM_PAGES - pages)));
      this.buffers.add(this.memory.buffer);
    }
    this.nextFree = end;
    return start;
  }
}
