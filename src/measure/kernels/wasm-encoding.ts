/**
 * A minimal WebAssembly binary encoder for the few numeric kernels of realsim's resampling loops.
 *
 * Instructions are written in the folded style of the WebAssembly text format: every helper returns the
 * bytes of its operands followed by its own opcode, so `i32.add(local.get(0), i32.const(1))` reads like
 * `(i32.add (local.get 0) (i32.const 1))`. Opcodes and encodings follow the WebAssembly core
 * specification (binary format, §5). Only what the kernels use is here: i32/f64 arithmetic, loads and
 * stores, locals, blocks, loops and branches, one imported shared memory.
 */

export type Code = number[];

export const I32 = 0x7f;
export const F64 = 0x7c;
export type ValueType = typeof I32 | typeof F64;

/** Unsigned LEB128. */
export function unsignedLeb128(value: number): Code {
  const bytes: Code = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 of a 32-bit integer. */
export function signedLeb128(value: number): Code {
  const bytes: Code = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

const join = (parts: readonly Code[]): Code => parts.flat();
const operation = (opcode: number) => (...operands: Code[]): Code => [...join(operands), opcode];
/** A load or store: alignment (log2 bytes) and offset 0 as its memory argument. */
const memoryOperation = (opcode: number, alignment: number) => (...operands: Code[]): Code => [...join(operands), opcode, alignment, 0];

export const local = {
  get: (index: number): Code => [0x20, ...unsignedLeb128(index)],
  set: (index: number, value: Code): Code => [...value, 0x21, ...unsignedLeb128(index)],
  tee: (index: number, value: Code): Code => [...value, 0x22, ...unsignedLeb128(index)],
};

export const i32 = {
  const: (value: number): Code => [0x41, ...signedLeb128(value)],
  load: memoryOperation(0x28, 2),
  load8u: memoryOperation(0x2d, 0),
  store: memoryOperation(0x36, 2),
  store8: memoryOperation(0x3a, 0),
  eqz: operation(0x45),
  eq: operation(0x46),
  ne: operation(0x47),
  ltU: operation(0x49),
  add: operation(0x6a),
  sub: operation(0x6b),
  /** Wrapping 32-bit product: Math.imul. */
  mul: operation(0x6c),
  and: operation(0x71),
  or: operation(0x72),
  xor: operation(0x73),
  shl: operation(0x74),
  shrU: operation(0x76),
  /** Truncation of an f64 in [0, 2^32) to an unsigned i32 (traps outside). */
  truncF64U: operation(0xab),
};

/** 64-bit integer operations (values on the stack only; no i64 locals or memory). */
export const i64 = {
  const: (value: number): Code => [0x42, ...signedLeb128(value)],
  /** Zero-extension of an i32 (as unsigned) to an i64. */
  extendI32U: operation(0xad),
  mul: operation(0x7e),
  shrU: operation(0x88),
  /** The low 32 bits of an i64, as an i32. */
  wrapToI32: operation(0xa7),
};

export const f64 = {
  const: (value: number): Code => {
    const bytes = new Uint8Array(new Float64Array([value]).buffer);
    return [0x44, ...bytes];
  },
  load: memoryOperation(0x2b, 3),
  store: memoryOperation(0x39, 3),
  eq: operation(0x61),
  lt: operation(0x63),
  le: operation(0x65),
  abs: operation(0x99),
  floor: operation(0x9c),
  add: operation(0xa0),
  sub: operation(0xa1),
  mul: operation(0xa2),
  div: operation(0xa3),
  convertI32U: operation(0xb8),
};

/** memory.fill(destination, byte value, length in bytes) (bulk memory operations). */
export const memoryFill = (destination: Code, value: Code, length: Code): Code => [...destination, ...value, ...length, 0xfc, 0x0b, 0x00];
export const returnValue = (value: Code): Code => [...value, 0x0f];

const EMPTY_BLOCK_TYPE = 0x40;
/** (block … end); `br 0` / `br_if 0` inside jumps to its end. */
export const block = (...body: Code[]): Code => [0x02, EMPTY_BLOCK_TYPE, ...join(body), 0x0b];
/** (loop … end); `br 0` / `br_if 0` inside jumps back to its start. */
export const loop = (...body: Code[]): Code => [0x03, EMPTY_BLOCK_TYPE, ...join(body), 0x0b];
/** (if (then …)) without a result. */
export const ifThen = (condition: Code, ...body: Code[]): Code => [...condition, 0x04, EMPTY_BLOCK_TYPE, ...join(body), 0x0b];
export const branch = (depth: number): Code => [0x0c, ...unsignedLeb128(depth)];
export const branchIf = (depth: number, condition: Code): Code => [...condition, 0x0d, ...unsignedLeb128(depth)];

export interface FunctionDefinition {
  name: string;
  parameters: readonly ValueType[];
  results: readonly ValueType[];
  /** Extra locals, numbered after the parameters. */
  locals: readonly ValueType[];
  body: Code;
}

function vector(items: readonly Code[]): Code {
  return [...unsignedLeb128(items.length), ...join(items)];
}

function section(id: number, content: Code): Code {
  return [id, ...unsignedLeb128(content.length), ...content];
}

function name(text: string): Code {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsignedLeb128(bytes.length), ...bytes];
}

/**
 * A module that imports one shared memory as env.memory (limits 1 … maximumPages pages of 64 KiB) and
 * exports every function under its name. Functions are numbered in the given order.
 */
export function encodeModule(functions: readonly FunctionDefinition[], maximumPages: number): Uint8Array {
  const types = functions.map((definition) => [0x60, ...vector(definition.parameters.map((type) => [type])), ...vector(definition.results.map((type) => [type]))]);
  const sharedMemoryLimits = [0x03, ...unsignedLeb128(1), ...unsignedLeb128(maximumPages)];
  const memoryImport = [...name('env'), ...name('memory'), 0x02, ...sharedMemoryLimits];
  const bodies = functions.map((definition) => {
    const locals = vector(definition.locals.map((type) => [1, type]));
    const code = [...locals, ...definition.body, 0x0b];
    return [...unsignedLeb128(code.length), ...code];
  });
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functions.map((_, index) => unsignedLeb128(index)))),
    ...section(7, vector(functions.map((definition, index) => [...name(definition.name), 0x00, ...unsignedLeb128(index)]))),
    ...section(10, vector(bodies)),
  ];
  return Uint8Array.from(bytes);
}
