/**
 * Writes src/report/report.schema.json, the JSON Schema of report.json, from the RealismReport TypeScript type
 * (ts-json-schema-generator), so the schema cannot drift from the code: a test regenerates it and compares.
 * Run after changing the report's types: `npm run schema`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

export function generateReportSchema(root: string): Record<string, unknown> {
  const schema = createGenerator({
    path: join(root, 'src/report/realism-report.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'RealismReport',
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true,
  }).createSchema('RealismReport') as Record<string, unknown>;
  return { ...schema, $id: 'https://realsim.dev/report.schema.json', title: 'realsim report.json', description: 'The report realsim evaluate writes (report.json); schemaVersion follows semver.' };
}

export function reportSchemaText(root: string): string {
  return `${JSON.stringify(generateReportSchema(root), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
  const out = join(root, 'src/report/report.schema.json');
  writeFileSync(out, reportSchemaText(root));
  process.stdout.write(`${out}\n`);
}
