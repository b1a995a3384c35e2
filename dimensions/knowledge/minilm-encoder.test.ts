import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRealsimError } from '../../src/core/realsim-error.js';
import { dimension } from './index.js';

// the package is optional; the last test only makes sense where it is not installed (as in this repository)
const transformersSpecifier: string = '@huggingface/transformers';
const transformersInstalled = await import(transformersSpecifier).then(
  () => true,
  () => false,
);
const scratch = mkdtempSync(join(tmpdir(), 'realsim-minilm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('knowledge backend minilm', () => {
  it('says where it looked and how to get the model when the folder is missing', async () => {
    const folder = join(scratch, 'nowhere');
    const error = await errorOf(dimension.createAnnotator('minilm', { 'knowledge.model-dir': folder }));
    expect(isRealsimError(error) && error.code).toBe('MODEL_NOT_FOUND');
    expect((error as Error).message).toBe(
      `knowledge backend minilm: expected all-MiniLM-L6-v2 (config.json, tokenizer.json, onnx/model.onnx) in "${folder}", ` +
        'found config.json, tokenizer.json, onnx/model.onnx missing; get it with: git clone ' +
        'https://huggingface.co/Xenova/all-MiniLM-L6-v2 models/all-MiniLM-L6-v2 (or any folder, given by --option knowledge.model-dir=<folder>)',
    );
  });

  it('names only the missing file of an incomplete folder', async () => {
    const folder = join(scratch, 'partial');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'config.json'), '{}');
    writeFileSync(join(folder, 'tokenizer.json'), '{}');
    const error = await errorOf(dimension.createAnnotator('minilm', { 'knowledge.model-dir': folder }));
    expect((error as Error).message).toContain('found onnx/model.onnx missing');
  });

  it.skipIf(transformersInstalled)(
    'says how to install transformers.js when the folder is complete but the package is absent',
    async () => {
      const folder = join(scratch, 'complete');
      mkdirSync(join(folder, 'onnx'), { recursive: true });
      for (const file of ['config.json', 'tokenizer.json', 'onnx/model.onnx']) writeFileSync(join(folder, file), '{}');
      const error = await errorOf(dimension.createAnnotator('minilm', { 'knowledge.model-dir': folder }));
      expect(isRealsimError(error) && error.code).toBe('MODEL_NOT_FOUND');
      expect((error as Error).message).toBe(
        'knowledge backend minilm: expected the npm package @huggingface/transformers, found it not installed; ' +
          'install it with: ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install @huggingface/transformers@3',
      );
    },
  );
});
