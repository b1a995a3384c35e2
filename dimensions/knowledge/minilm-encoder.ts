import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { packageVersion } from './package-version.js';
import type { SentenceEncoder } from './sentence-encoder.js';

export const MINILM_DIMENSIONS = 384;
export const DEFAULT_MINILM_MODEL_DIRECTORY = 'models/all-MiniLM-L6-v2';
const TRANSFORMERS_PACKAGE = '@huggingface/transformers';
const HOW_TO_GET_THE_MODEL =
  'get it with: git clone https://huggingface.co/Xenova/all-MiniLM-L6-v2 models/all-MiniLM-L6-v2 (or any folder, given by --option knowledge.model-dir=<folder>)';
const HOW_TO_GET_THE_PACKAGE = `install it with: ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install ${TRANSFORMERS_PACKAGE}@3`;

/** Files transformers.js needs in a model folder for feature extraction. */
export const MINILM_REQUIRED_FILES = ['config.json', 'tokenizer.json', join('onnx', 'model.onnx')];

/** The model folder from the option knowledge.model-dir, resolved against the working directory. */
export function minilmModelDirectory(options: Record<string, string>): string {
  return resolve(options['knowledge.model-dir'] ?? DEFAULT_MINILM_MODEL_DIRECTORY);
}

/** Throws MODEL_NOT_FOUND naming the folder and the missing file when the model folder is incomplete. */
export function checkMinilmModelDirectory(directory: string): void {
  const missing = MINILM_REQUIRED_FILES.filter((file) => !existsSync(join(directory, file)));
  if (missing.length > 0) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      `knowledge backend minilm: expected all-MiniLM-L6-v2 (${MINILM_REQUIRED_FILES.join(', ')}) in ${quoteForMessage(directory, 200)}, found ${missing.join(', ')} missing; ${HOW_TO_GET_THE_MODEL}`,
    );
  }
}

interface FeatureExtractionOutput {
  data: Float32Array;
  dims: number[];
}
type FeatureExtractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<FeatureExtractionOutput>;
interface TransformersModule {
  env: { localModelPath: string; allowRemoteModels: boolean; allowLocalModels: boolean };
  pipeline(task: 'feature-extraction', model: string, options?: Record<string, unknown>): Promise<FeatureExtractor & { dispose?: () => Promise<void> }>;
}

/** Loaded through a variable so TypeScript and bundlers do not require the optional package. */
async function importTransformers(): Promise<TransformersModule> {
  const specifier: string = TRANSFORMERS_PACKAGE;
  try {
    return (await import(specifier)) as TransformersModule;
  } catch (error) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      `knowledge backend minilm: expected the npm package ${TRANSFORMERS_PACKAGE}, found it not installed; ${HOW_TO_GET_THE_PACKAGE}`,
      { cause: error },
    );
  }
}

/**
 * all-MiniLM-L6-v2 (the reference embedder, 384-dim, mean pooling, normalized) through transformers.js,
 * from a local folder only: remote downloads stay off.
 */
export async function createMinilmEncoder(options: Record<string, string>, batchSize: number): Promise<SentenceEncoder> {
  const directory = minilmModelDirectory(options);
  checkMinilmModelDirectory(directory);
  const transformers = await importTransformers();
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = dirname(directory);
  const extractor = await transformers.pipeline('feature-extraction', basename(directory));
  return {
    name: `all-MiniLM-L6-v2 ${MINILM_DIMENSIONS}d (${TRANSFORMERS_PACKAGE} ${packageVersion(TRANSFORMERS_PACKAGE)}, local folder)`,
    dimensions: MINILM_DIMENSIONS,
    async embed(texts, onEmbedded) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        const output = await extractor(batch, { pooling: 'mean', normalize: true });
        const width = output.dims[output.dims.length - 1] ?? MINILM_DIMENSIONS;
        batch.forEach((_, row) => vectors.push(output.data.slice(row * width, (row + 1) * width)));
        onEmbedded?.(batch.length);
      }
      return vectors;
    },
    async dispose() {
      await extractor.dispose?.();
    },
  };
}
