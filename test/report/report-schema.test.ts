import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { reportSchemaText } from '../../scripts/write-report-schema.js';
import { evaluate } from '../../src/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const committedSchema = readFileSync(join(repoRoot, 'src/report/report.schema.json'), 'utf8');

describe('report.json has a JSON Schema generated from its TypeScript type (#17)', () => {
  it('the committed schema is the one the types give (run `npm run schema` after changing them)', () => {
    expect(reportSchemaText(repoRoot)).toBe(committedSchema);
  }, 60_000);

  it('a report made through the public evaluate() validates against it, and a broken one does not', async () => {
    const { report } = await evaluate({ pairFiles: [join(repoRoot, 'test/fixtures/good/pairs.jsonl')], dimensions: ['length', 'feedback'], noiseFloorSplits: 3 });
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(committedSchema) as object);
    const asWritten = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    expect(validate(asWritten), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...asWritten, distances: 'none' })).toBe(false);
    expect(validate({ ...asWritten, unknownTopLevelField: 1 })).toBe(false);
    expect(report.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
  }, 120_000);
});
