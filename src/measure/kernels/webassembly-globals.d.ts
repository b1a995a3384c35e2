// The part of the WebAssembly JavaScript API the resampling kernels use. Node.js has it as a global, but
// its type definitions ship only with TypeScript's DOM library, which this project does not load.
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  interface Memory {
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  var Memory: { new (descriptor: MemoryDescriptor): Memory };
  interface Module {}
  var Module: { new (bytes: Uint8Array): Module };
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  var Instance: { new (module: Module, imports: Record<string, Record<string, unknown>>): Instance };
  function validate(bytes: Uint8Array): boolean;
}
