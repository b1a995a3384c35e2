import type { DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { KNOWLEDGE_BACKENDS, createKnowledgeAnnotator, defaultWorkerCount, integerOption } from './knowledge-annotator.js';
import { createKnowledgeLlmAnnotator } from './llm-annotator.js';
import { createMinilmEncoder } from './minilm-encoder.js';
import { createUseLiteEncoder } from './use-lite-encoder.js';

export { cosineSimilarity } from './cosine-similarity.js';
export { extractKnowledgeStatements } from './extract-knowledge-statements.js';

/**
 * Knowledge (dimensions/knowledge/README.md): what users show they know and do not know. Statements come from offline
 * rules over wink-nlp tags; they are compared between sets by sentence-embedding cosine.
 * Options: knowledge.workers (use-lite threads), knowledge.batch-size, knowledge.model-dir (minilm).
 * Backend llm: statements from an OpenAI-compatible endpoint (--option llm.*), embedded by use-lite.
 */
export const dimension: DimensionModule = {
  definition: {
    id: 'knowledge',
    level: 'user-state',
    title: 'Knowledge',
    description:
      'Statements of what the user knows ("the user knows about X": names, technical and domain terms they use) and does not know ("the user does not know about Y": objects of their questions and admitted gaps), per user turn.',
    measures: [
      {
        id: 'statements',
        scale: 'embedding',
        unitOfMass: 'knowledge statement',
        description: 'One sentence-embedding vector per knowledge statement (the embedding of its topic phrase).',
      },
      {
        id: 'known_statements',
        scale: 'numeric',
        unit: '"knows about" statements per dialogue',
        description: 'Topics the user uses or presupposes, counted per dialogue.',
      },
      {
        id: 'unknown_statements',
        scale: 'numeric',
        unit: '"does not know about" statements per dialogue',
        description: 'Objects of the user\'s questions and admitted knowledge gaps, counted per dialogue.',
      },
    ],
    /** Headline: the embedded statements carry what the user knows; the two counts are secondary views. */
    headlineMeasure: 'statements',
  },
  backends: [...KNOWLEDGE_BACKENDS, 'llm'],
  options: {
    'knowledge.workers': 'sentence-encoder threads (use-lite, minilm)',
    'knowledge.batch-size': 'texts per encoder call',
    'knowledge.model-dir': 'minilm: the local all-MiniLM-L6-v2 folder',
  },
  async createAnnotator(backend, options) {
    if (backend === 'use-lite') {
      const workers = integerOption(options, 'knowledge.workers', defaultWorkerCount(), 1, 16);
      const batchSize = integerOption(options, 'knowledge.batch-size', 128, 1, 4096);
      return createKnowledgeAnnotator(createUseLiteEncoder({ workers, batchSize }));
    }
    if (backend === 'llm') {
      const workers = integerOption(options, 'knowledge.workers', defaultWorkerCount(), 1, 16);
      const batchSize = integerOption(options, 'knowledge.batch-size', 128, 1, 4096);
      return createKnowledgeLlmAnnotator(options, createUseLiteEncoder({ workers, batchSize }));
    }
    if (backend === 'minilm') {
      const batchSize = integerOption(options, 'knowledge.batch-size', 64, 1, 4096);
      return createKnowledgeAnnotator(await createMinilmEncoder(options, batchSize));
    }
    throw new RealsimError(
      'USAGE',
      `--backend knowledge: expected one of ${[...KNOWLEDGE_BACKENDS, 'llm'].map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(backend)}`,
    );
  },
};
