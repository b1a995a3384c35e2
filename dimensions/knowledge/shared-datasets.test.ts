import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractKnowledgeStatements } from './extract-knowledge-statements.js';
import { readMirrorbenchPairDialogues, sharedDatasetsDirectory } from './read-shared-dialogues.js';

// Needs ../shared/datasets (the development machine's read-only data); a user's machine lacks it.
const pairsFile = join(sharedDatasetsDirectory(), 'mirrorbench', 'pairs.jsonl');

describe.skipIf(!existsSync(pairsFile))('knowledge statements on the MirrorBench pairs', () => {
  it('finds more "knows about" statements in simulated users than in their real counterparts', () => {
    const totals = { real: { known: 0, unknown: 0 }, simulated: { known: 0, unknown: 0 } };
    for (const dialogue of readMirrorbenchPairDialogues()) {
      const side = dialogue.source === 'real' ? totals.real : totals.simulated;
      for (const turn of dialogue.turns) {
        if (turn.role !== 'user') continue;
        const extracted = extractKnowledgeStatements(turn.text);
        side.known += extracted.knownTopics.length;
        side.unknown += extracted.unknownTopics.length;
      }
    }
    // measured with rules-v1 on 100 pairs (264 user turns); a rule change must update these and EXTRACTOR_VERSION
    expect(totals).toEqual({ real: { known: 239, unknown: 65 }, simulated: { known: 402, unknown: 103 } });
  });
});
