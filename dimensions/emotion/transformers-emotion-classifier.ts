import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { isEmotionLabel, type EmotionLabel } from './emotion-labels.js';
import type { SentenceEmotionPrediction } from './linear-emotion-classifier.js';

export const transformersPackageName = '@huggingface/transformers';
export const defaultTransformersEmotionModelDirectory = 'models/emotion-english-distilroberta-base';

const howToGetTheModel =
  `install the runtime with npm i ${transformersPackageName} (ONNXRUNTIME_NODE_INSTALL_CUDA=skip), download an ONNX export ` +
  'of j-hartmann/emotion-english-distilroberta-base on a machine with internet ' +
  '(e.g. huggingface-cli download <onnx export of that model> --local-dir <folder>, a folder with config.json, tokenizer.json and onnx/model.onnx), ' +
  'then pass --option emotion.model-dir=<folder>';

export interface TransformersEmotionClassifier {
  modelDirectory: string;
  /** "model.onnx" (fp32) or "model_quantized.onnx" (q8). */
  onnxFile: string;
  classifySentences(sentences: string[]): Promise<SentenceEmotionPrediction[]>;
  dispose(): Promise<void>;
}

/** The ONNX weights file transformers.js would load from `modelDirectory`, or undefined. */
export function findOnnxModelFile(modelDirectory: string): string | undefined {
  const onnxDirectory = join(modelDirectory, 'onnx');
  if (!existsSync(onnxDirectory)) return undefined;
  const files = readdirSync(onnxDirectory);
  return ['model.onnx', 'model_quantized.onnx'].find((file) => files.includes(file));
}

/**
 * Checks that `modelDirectory` holds a transformers.js text-classification model (config.json and
 * onnx/model.onnx or onnx/model_quantized.onnx); throws MODEL_NOT_FOUND naming the folder and how to get it.
 */
export function checkTransformersEmotionModelDirectory(modelDirectory: string): string {
  const where = resolve(modelDirectory);
  const missing: string[] = [];
  if (!existsSync(join(where, 'config.json'))) missing.push('config.json');
  const onnxFile = findOnnxModelFile(where);
  if (onnxFile === undefined) missing.push('onnx/model.onnx or onnx/model_quantized.onnx');
  if (missing.length > 0 || onnxFile === undefined) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      `emotion backend transformers: expected a model folder with ${missing.join(' and ')} at ${quoteForMessage(where, 200)}, found ${existsSync(where) ? 'a folder without them' : 'no such folder'}; ${howToGetTheModel}`,
    );
  }
  return onnxFile;
}

interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: string,
    model: string,
    options: Record<string, unknown>,
  ): Promise<
    ((texts: string[], options: Record<string, unknown>) => Promise<unknown>) & { dispose?: () => Promise<void> }
  >;
}

function normaliseModelLabel(label: string, modelDirectory: string): EmotionLabel {
  const lowered = label.toLowerCase();
  if (!isEmotionLabel(lowered)) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      `emotion backend transformers: expected the model in ${quoteForMessage(modelDirectory, 200)} to predict anger, disgust, fear, joy, neutral, sadness or surprise, found label ${quoteForMessage(label)}`,
    );
  }
  return lowered;
}

/**
 * transformers.js text classification over a local folder (e.g. j-hartmann/emotion-english-distilroberta-base
 * as ONNX, labels anger, disgust, fear, joy, neutral, sadness, surprise). Never downloads:
 * env.allowRemoteModels = false. The package is loaded with a dynamic import, so realsim installs without it.
 */
export async function createTransformersEmotionClassifier(modelDirectory: string): Promise<TransformersEmotionClassifier> {
  const where = resolve(modelDirectory);
  const onnxFile = checkTransformersEmotionModelDirectory(where);
  let transformers: TransformersModule;
  try {
    const packageName: string = transformersPackageName;
    transformers = (await import(packageName)) as TransformersModule;
  } catch (error) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      `emotion backend transformers: expected the npm package ${quoteForMessage(transformersPackageName)}, found it not installed (model folder ${quoteForMessage(where, 200)} is fine); ${howToGetTheModel}`,
      { cause: error },
    );
  }
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = `${dirname(where)}/`;
  const classifier = await transformers.pipeline('text-classification', basename(where), {
    dtype: onnxFile === 'model.onnx' ? 'fp32' : 'q8',
    local_files_only: true,
  });
  return {
    modelDirectory: where,
    onnxFile,
    async classifySentences(sentences) {
      const output = (await classifier(sentences, { top_k: 1 })) as unknown[];
      return output.map((entry) => {
        const best = (Array.isArray(entry) ? entry[0] : entry) as { label: string; score: number };
        return { label: normaliseModelLabel(best.label, where), confidence: best.score };
      });
    },
    async dispose() {
      await classifier.dispose?.();
    },
  };
}
