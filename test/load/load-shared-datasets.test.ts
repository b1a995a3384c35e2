import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { userTurnTexts } from '../../src/core/dialogue.js';
import { loadDialogueSet } from '../../src/load/load-dialogue-set.js';
import { loadPairFile } from '../../src/load/load-pair-file.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? resolve(repoRoot, '../shared/datasets');
const realDialogues = join(sharedDatasets, 'realsim/real_dialogues');
const pairFile = join(sharedDatasets, 'mirrorbench/pairs.jsonl');

const STEMS = [
  'branding', 'cybersecurity', 'datascience', 'education', 'email', 'finance_info_advice', 'general_health',
  'governance', 'hardware', 'job_application', 'learning', 'lit_analysis', 'mental_health', 'music_generalQA',
  'nutrition', 'songwriting', 'stories', 'travel_planning',
];

// Needs ../shared/datasets (development machines and CI); a user's machine lacks it.
describe.skipIf(!existsSync(realDialogues))('the realsim real dialogues (18 files)', () => {
  // Counts checked independently with Python's json module: 981 records, 6,917 messages with role
  // "user", 17 of them the empty string, 61 records with extracted_scenario.
  it('loads 981 dialogues, 6,917 user turns and 17 empty user messages', async () => {
    const set = await loadDialogueSet([realDialogues], { name: 'real', kind: 'real' });
    expect(set.format).toBe('realsim-json');
    expect(set.dialogues).toHaveLength(981);
    const userTexts = set.dialogues.flatMap(userTurnTexts);
    expect(userTexts).toHaveLength(6917);
    expect(userTexts.filter((text) => text === '')).toHaveLength(17);
    expect(set.dialogues.filter((dialogue) => dialogue.scenario !== undefined)).toHaveLength(61);
    expect([...new Set(set.dialogues.map((dialogue) => dialogue.domain))].sort()).toEqual(STEMS);
    expect(set.fingerprints.map((fingerprint) => fingerprint.path)).toEqual(STEMS.map((stem) => join(realDialogues, `${stem}.json`)));
    expect(new Set(set.dialogues.map((dialogue) => dialogue.id)).size).toBe(981);
  });

  it('makes the reused conversation_ids unique by the documented rule', async () => {
    const set = await loadDialogueSet([realDialogues], { name: 'real', kind: 'real' });
    const ids = new Set(set.dialogues.map((dialogue) => dialogue.id));
    // education.json records 0-19 repeat governance.json records 0-19 (same conversation_id): both
    // copies get their file stem as prefix.
    expect(ids.has('education/b5faed7a617ed9b71bb65de485712c2b')).toBe(true);
    expect(ids.has('governance/b5faed7a617ed9b71bb65de485712c2b')).toBe(true);
    // mental_health.json records 18-21 share one id (only in that file): "", "#2", "#3", "#4".
    expect(['', '#2', '#3', '#4'].every((suffix) => ids.has(`1e57b332b3a14b5791a4517ee4b8d7cc${suffix}`))).toBe(true);
    // 055ade1e… occurs 3 times in general_health.json and once in nutrition.json: both rules apply.
    for (const id of ['general_health/055ade1e3a8f125fdc599e55223669f2', 'general_health/055ade1e3a8f125fdc599e55223669f2#3', 'nutrition/055ade1e3a8f125fdc599e55223669f2']) {
      expect(ids.has(id)).toBe(true);
    }
    // Counted with Python: 52 records have an id that also occurs in another file (all get "<stem>/"),
    // and 17 records repeat an id already seen earlier in the same file (they get "#2", "#3", …).
    expect(set.dialogues.filter((dialogue) => dialogue.id.includes('/'))).toHaveLength(52);
    expect(set.dialogues.filter((dialogue) => dialogue.id.includes('#'))).toHaveLength(17);
  });

  it('merges the 18 files into 16 domains with the books/education map', async () => {
    const set = await loadDialogueSet([realDialogues], {
      name: 'real',
      kind: 'real',
      domainMap: { stories: 'books', lit_analysis: 'books', education: 'education', learning: 'education' },
    });
    const domains = new Set(set.dialogues.map((dialogue) => dialogue.domain));
    expect(domains.size).toBe(16);
    expect(domains.has('books')).toBe(true);
    expect(domains.has('stories')).toBe(false);
    expect(domains.has('learning')).toBe(false);
  });
});

// Needs ../shared/datasets (development machines and CI); a user's machine lacks it.
describe.skipIf(!existsSync(pairFile))('the MirrorBench pair file', () => {
  // Checked with Python: 100 records, 132 user messages on each side, 43 non-null task_description.
  it('gives 100 real Chatbot Arena and 100 gemini-2.5-pro dialogues with matching scenarioIds', async () => {
    const { real, simulated } = await loadPairFile(pairFile, {});
    expect(real.name).toBe('chatbot_arena');
    expect(simulated.name).toBe('gemini-2.5-pro');
    expect(real.dialogues).toHaveLength(100);
    expect(simulated.dialogues).toHaveLength(100);
    expect(real.dialogues.map((dialogue) => dialogue.scenarioId)).toEqual(simulated.dialogues.map((dialogue) => dialogue.scenarioId));
    expect(new Set(real.dialogues.map((dialogue) => dialogue.scenarioId)).size).toBe(100);
    expect(real.dialogues[0]?.scenarioId).toBe('475aa75ed5b64f69a86aa96d1a5c3ba2::stablelm-tuned-alpha-7b');
    expect(real.dialogues.flatMap(userTurnTexts)).toHaveLength(132);
    expect(simulated.dialogues.flatMap(userTurnTexts)).toHaveLength(132);
    expect(real.dialogues.filter((dialogue) => dialogue.scenario !== undefined)).toHaveLength(43);
    expect(simulated.dialogues.every((dialogue) => dialogue.source === 'gemini-2.5-pro')).toBe(true);
  });
});
