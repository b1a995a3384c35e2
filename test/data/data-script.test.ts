import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import {
  buildMirrorbenchPairs,
  pairIdFromSampleId,
  parseDataCommandArguments,
  parseDatasetManifest,
  prepareDatasets,
  rawFileUrl,
  toPythonStyleJson,
  type DatasetManifest,
  type ManifestFile,
} from '../../scripts/data.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? path.resolve(repositoryRoot, '../shared/datasets');

// sha256 of the 14 bytes "hello realsim\n", worked out with `printf 'hello realsim\n' | sha256sum`.
const TINY_TEXT = 'hello realsim\n';
const TINY_SHA256 = 'b4abf19a22f6b9689fc6278635218f091671b66fa79ca5b2db08436e6b443912';
// sha256 of "mirror copy\n" (12 bytes), same way.
const MIRROR_TEXT = 'mirror copy\n';
const MIRROR_SHA256 = '1e6da570589b7fd73fc00564de82269e63b5f4f6a8563dddb3eeccb248c805a6';

const temporaryFolders: string[] = [];
async function makeTemporaryFolder(prefix: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), `realsim-data-${prefix}-`));
  temporaryFolders.push(folder);
  return folder;
}
afterAll(async () => {
  await Promise.all(temporaryFolders.map((folder) => rm(folder, { recursive: true, force: true })));
});

function downloadEntry(file: string, sha256: string, bytes: number, filePath: string): ManifestFile {
  return { file, sha256, bytes, source: { kind: 'download', repo: 'owner/repo', commit: 'c0ffee', path: filePath } };
}

describe('toPythonStyleJson and the MirrorBench pairs builder', () => {
  it('writes like Python json.dumps(ensure_ascii=False)', () => {
    // Python: json.dumps({"a": [1, None, True], "b": "café \"q\"\n"}, ensure_ascii=False)
    //   == '{"a": [1, null, true], "b": "café \\"q\\"\\n"}'
    expect(toPythonStyleJson({ a: [1, null, true], b: 'café "q"\n' })).toBe(String.raw`{"a": [1, null, true], "b": "café \"q\"\n"}`);
    expect(toPythonStyleJson({ empty: [], nested: {} })).toBe('{"empty": [], "nested": {}}');
  });

  it('takes the pair id from the last "|" part of sample_id without its "<n>::" prefix', () => {
    expect(pairIdFromSampleId('proxy:langchain/gemini-2.5-pro|dataset:jsonl/chatbot_arena_mirror|metric:judge/gteval|0::475aa::stablelm-7b')).toBe('475aa::stablelm-7b');
  });

  it('builds one line per record, in order, joining task descriptions and dropping judging fields', () => {
    const gteval = JSON.stringify([
      {
        sample_id: 'proxy:p|dataset:d|metric:judge/gteval|0::q1::model-a',
        real_conversation: [
          { role: 'user', content: 'Hi "there"' },
          { role: 'assistant', content: 'Hello' },
        ],
        synthetic_conversation: [
          { role: 'user', content: 'café 😈\nnew line' },
          { role: 'assistant', content: 'ok' },
        ],
        instructions: 'rate it',
        human_label: 0.25,
      },
      {
        sample_id: 'proxy:p|dataset:d|metric:judge/gteval|0::q2::model-b',
        real_conversation: [{ role: 'user', content: 'x', extra: 'dropped' }],
        synthetic_conversation: [{ role: 'user', content: 'y' }],
        human_label: 0.9,
      },
    ]);
    const arena = [
      JSON.stringify({ conversation_id: 'q1::model-a', task_description: 'Find a greeting.' }),
      JSON.stringify({ conversation_id: 'unused', task_description: 'Not asked for.' }),
      '',
    ].join('\n');
    const built = buildMirrorbenchPairs(gteval, arena, { realSource: 'chatbot_arena', simulator: 'gemini-2.5-pro', assistant: 'gpt-4o' });
    const expected =
      String.raw`{"pair_id": "q1::model-a", "task_description": "Find a greeting.", "real": {"source": "chatbot_arena", "messages": [{"role": "user", "content": "Hi \"there\""}, {"role": "assistant", "content": "Hello"}]}, "simulated": {"simulator": "gemini-2.5-pro", "assistant": "gpt-4o", "messages": [{"role": "user", "content": "café 😈\nnew line"}, {"role": "assistant", "content": "ok"}]}}` +
      '\n' +
      String.raw`{"pair_id": "q2::model-b", "task_description": null, "real": {"source": "chatbot_arena", "messages": [{"role": "user", "content": "x"}]}, "simulated": {"simulator": "gemini-2.5-pro", "assistant": "gpt-4o", "messages": [{"role": "user", "content": "y"}]}}` +
      '\n';
    expect(built).toBe(expected);
  });

  it('names the record and field when a record is malformed', () => {
    const gteval = JSON.stringify([{ sample_id: 'a|0::q', real_conversation: [{ role: 'user' }], synthetic_conversation: [] }]);
    expect(() => buildMirrorbenchPairs(gteval, '', { realSource: 's', simulator: 'u', assistant: 'a' })).toThrow(
      /gteval_labeled\.json record 0 field "real_conversation"\[0\]: expected \{ role: string, content: string \}/,
    );
  });
});

describe('manifest and command line parsing', () => {
  it('rejects a bad checksum field and an unknown source kind', () => {
    const bad = (files: unknown) => JSON.stringify({ schemaVersion: 1, datasets: { demo: { files } } });
    expect(() => parseDatasetManifest(bad([{ file: 'a.txt', bytes: 1, sha256: 'XYZ', source: { kind: 'download' } }]))).toThrow(/sha256: expected 64 lower-case hex digits, found "XYZ"/);
    expect(() => parseDatasetManifest(bad([{ file: 'a.txt', bytes: 1, sha256: TINY_SHA256, source: { kind: 'ftp' } }]))).toThrow(/source\.kind: expected one of "download", "built", "local-only", found "ftp"/);
    expect(() => parseDatasetManifest(bad([{ file: '../escape', bytes: 1, sha256: TINY_SHA256, source: { kind: 'download' } }]))).toThrow(/expected a relative path inside the data set/);
  });

  it('parses the flags and refuses unknown ones', () => {
    expect(parseDataCommandArguments(['--offline', '--force', '--only', 'realsim,goemotions'])).toEqual({
      offline: true,
      force: true,
      verify: false,
      verbose: false,
      help: false,
      only: ['realsim', 'goemotions'],
    });
    expect(() => parseDataCommandArguments(['--fast'])).toThrow(/expected one of --offline, --force, --verify, --only, --verbose, --help, found "--fast"/);
  });

  it('builds raw.githubusercontent.com URLs with each path part encoded', () => {
    expect(rawFileUrl('https://raw.githubusercontent.com/', { repo: 'SAP/mirrorbench', commit: 'abc', path: 'scratch_pad/a b/x.json' })).toBe(
      'https://raw.githubusercontent.com/SAP/mirrorbench/abc/scratch_pad/a%20b/x.json',
    );
  });
});

describe('shared mode: datasets/<name> become links to the shared folder', () => {
  const manifest: DatasetManifest = {
    schemaVersion: 1,
    datasets: {
      alpha: { files: [downloadEntry('a.txt', TINY_SHA256, 14, 'a.txt')] },
      beta: { files: [downloadEntry('nested/b.txt', TINY_SHA256, 14, 'b.txt')] },
    },
  };

  it('links every data set, reads in place, and is idempotent', async () => {
    const shared = await makeTemporaryFolder('shared');
    const target = await makeTemporaryFolder('target');
    await mkdir(path.join(shared, 'alpha'), { recursive: true });
    await mkdir(path.join(shared, 'beta', 'nested'), { recursive: true });
    await writeFile(path.join(shared, 'alpha', 'a.txt'), TINY_TEXT);
    await writeFile(path.join(shared, 'beta', 'nested', 'b.txt'), TINY_TEXT);

    const first = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, progress: silentProgress, verify: true });
    expect(first.mode).toBe('shared');
    expect(first.datasets.map((item) => [item.name, item.outcome])).toEqual([
      ['alpha', 'linked'],
      ['beta', 'linked'],
    ]);
    // --verify hashed both 14-byte files: 28 bytes for alpha + beta, 14 each.
    expect(first.datasets.map((item) => item.bytes)).toEqual([14, 14]);
    for (const name of ['alpha', 'beta']) {
      expect((await lstat(path.join(target, name))).isSymbolicLink()).toBe(true);
      expect(await readlink(path.join(target, name))).toBe(path.join(shared, name));
    }
    expect(await readFile(path.join(target, 'beta', 'nested', 'b.txt'), 'utf8')).toBe(TINY_TEXT);

    const second = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, progress: silentProgress });
    expect(second.datasets.map((item) => item.outcome)).toEqual(['already-linked', 'already-linked']);
  });

  it('re-points a link that leads elsewhere and keeps a real folder unless --force', async () => {
    const shared = await makeTemporaryFolder('shared');
    const elsewhere = await makeTemporaryFolder('elsewhere');
    const target = await makeTemporaryFolder('target');
    await mkdir(path.join(shared, 'alpha'), { recursive: true });
    await mkdir(path.join(shared, 'beta'), { recursive: true });
    const { symlink } = await import('node:fs/promises');
    await symlink(elsewhere, path.join(target, 'alpha'), 'dir');
    await mkdir(path.join(target, 'beta'));
    await writeFile(path.join(target, 'beta', 'downloaded.txt'), 'x');

    const result = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, progress: silentProgress });
    expect(result.datasets.map((item) => item.outcome)).toEqual(['linked', 'kept-existing']);
    expect(await readlink(path.join(target, 'alpha'))).toBe(path.join(shared, 'alpha'));
    expect((await lstat(path.join(target, 'beta'))).isDirectory()).toBe(true);

    const forced = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, progress: silentProgress, force: true });
    expect(forced.datasets.map((item) => item.outcome)).toEqual(['linked', 'linked']);
    expect((await lstat(path.join(target, 'beta'))).isSymbolicLink()).toBe(true);
  });

  it('--verify reports a shared file whose checksum is wrong', async () => {
    const shared = await makeTemporaryFolder('shared');
    const target = await makeTemporaryFolder('target');
    await mkdir(path.join(shared, 'alpha'), { recursive: true });
    await writeFile(path.join(shared, 'alpha', 'a.txt'), 'changed\n');
    await expect(
      prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest: { schemaVersion: 1, datasets: { alpha: manifest.datasets.alpha! } }, progress: silentProgress, verify: true }),
    ).rejects.toMatchObject({ code: 'DATA_CHECKSUM_MISMATCH', message: expect.stringMatching(/^datasets\/alpha\/a\.txt: expected sha256 b4abf19a/) });
  });

  it('--offline fails clearly when the shared folder is missing', async () => {
    const target = await makeTemporaryFolder('target');
    const missing = path.join(target, 'no-such-shared');
    await expect(prepareDatasets({ sharedDirectory: missing, targetDirectory: target, manifest, progress: silentProgress, offline: true })).rejects.toMatchObject({
      code: 'INPUT_NOT_FOUND',
      message: `--offline: expected the shared data folder at ${missing}, found nothing; set REALSIM_SHARED_DATASETS to it or run without --offline to download`,
    });
  });
});

describe('download mode against a loopback HTTP server', () => {
  let server: Server;
  let baseUrl = '';
  const served = new Map<string, string>();
  const requested: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = request.url ?? '';
      requested.push(url);
      const body = served.get(url);
      if (body === undefined) {
        response.writeHead(404, 'Not Found');
        response.end('missing');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    served.set('/owner/repo/c0ffee/files/tiny.txt', TINY_TEXT);
    served.set('/mirror/repo/beef/tiny-copy.txt', MIRROR_TEXT);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterEach(() => {
    requested.length = 0;
  });

  async function freshLayout() {
    const root = await makeTemporaryFolder('download');
    return { shared: path.join(root, 'shared-that-does-not-exist'), target: path.join(root, 'datasets') };
  }

  it('downloads a file whose sha256 matches, then finds it already present', async () => {
    const { shared, target } = await freshLayout();
    const manifest: DatasetManifest = { schemaVersion: 1, datasets: { demo: { files: [downloadEntry('sub/tiny.txt', TINY_SHA256, 14, 'files/tiny.txt')] } } };
    const result = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, baseUrl, progress: silentProgress });
    expect(result.mode).toBe('download');
    expect(result.datasets[0]).toMatchObject({ name: 'demo', outcome: 'downloaded', filesFetched: 1, filesAlreadyPresent: 0, bytes: 14 });
    expect(await readFile(path.join(target, 'demo', 'sub', 'tiny.txt'), 'utf8')).toBe(TINY_TEXT);
    expect(requested).toEqual(['/owner/repo/c0ffee/files/tiny.txt']);

    requested.length = 0;
    const again = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, baseUrl, progress: silentProgress });
    expect(again.datasets[0]).toMatchObject({ outcome: 'already-present', filesFetched: 0, filesAlreadyPresent: 1 });
    expect(requested).toEqual([]);

    const forced = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, baseUrl, progress: silentProgress, force: true });
    expect(forced.datasets[0]).toMatchObject({ outcome: 'downloaded', filesFetched: 1 });
    expect(requested).toEqual(['/owner/repo/c0ffee/files/tiny.txt']);
  });

  it('takes the base URL from REALSIM_DATA_BASE_URL', async () => {
    const { shared, target } = await freshLayout();
    const manifest: DatasetManifest = { schemaVersion: 1, datasets: { demo: { files: [downloadEntry('tiny.txt', TINY_SHA256, 14, 'files/tiny.txt')] } } };
    const result = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, environment: { REALSIM_DATA_BASE_URL: baseUrl }, progress: silentProgress });
    expect(result.datasets[0]?.filesFetched).toBe(1);
  });

  it('rejects a file whose sha256 differs and removes it', async () => {
    const { shared, target } = await freshLayout();
    const wrong = '0'.repeat(64);
    const manifest: DatasetManifest = { schemaVersion: 1, datasets: { demo: { files: [downloadEntry('tiny.txt', wrong, 14, 'files/tiny.txt')] } } };
    await expect(prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, baseUrl, progress: silentProgress })).rejects.toMatchObject({
      code: 'DATA_CHECKSUM_MISMATCH',
      message:
        `datasets/demo/tiny.txt: expected sha256 ${wrong} (14 bytes), found ${TINY_SHA256} (14 bytes) from ${baseUrl}/owner/repo/c0ffee/files/tiny.txt; ` +
        'the file was removed, run `npm run data -- --force` to retry',
    });
    expect(existsSync(path.join(target, 'demo', 'tiny.txt'))).toBe(false);
    expect(existsSync(path.join(target, 'demo', 'tiny.txt.partial'))).toBe(false);
  });

  it('reports a 404 with the URL and a hint', async () => {
    const { shared, target } = await freshLayout();
    const manifest: DatasetManifest = { schemaVersion: 1, datasets: { demo: { files: [downloadEntry('gone.txt', TINY_SHA256, 14, 'files/gone.txt')] } } };
    const failure = prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, baseUrl, progress: silentProgress });
    await expect(failure).rejects.toMatchObject({ code: 'DATA_DOWNLOAD_FAILED' });
    await expect(failure).rejects.toThrow(`${baseUrl}/owner/repo/c0ffee/files/gone.txt: expected HTTP 200, found 404 Not Found; check the network`);
    expect(existsSync(path.join(target, 'demo', 'gone.txt'))).toBe(false);
  });

  it('reports a refused connection as a download failure naming the URL', async () => {
    const { shared, target } = await freshLayout();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const manifest: DatasetManifest = { schemaVersion: 1, datasets: { demo: { files: [downloadEntry('tiny.txt', TINY_SHA256, 14, 'files/tiny.txt')] } } };
    await expect(
      prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, baseUrl: `http://127.0.0.1:${closedPort}`, progress: silentProgress }),
    ).rejects.toMatchObject({ code: 'DATA_DOWNLOAD_FAILED', message: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:${closedPort}/owner/repo/c0ffee/files/tiny\\.txt: expected a download, found network error "ECONNREFUSED"`)) });
  });

  it('falls back to a mirror when the main location fails', async () => {
    const { shared, target } = await freshLayout();
    const entry: ManifestFile = {
      file: 'copy.txt',
      sha256: MIRROR_SHA256,
      bytes: 12,
      source: { kind: 'download', repo: 'owner/repo', commit: 'c0ffee', path: 'files/absent.txt', mirrors: [{ repo: 'mirror/repo', commit: 'beef', path: 'tiny-copy.txt' }] },
    };
    const result = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest: { schemaVersion: 1, datasets: { demo: { files: [entry] } } }, baseUrl, progress: silentProgress });
    expect(result.datasets[0]?.filesFetched).toBe(1);
    expect(requested).toEqual(['/owner/repo/c0ffee/files/absent.txt', '/mirror/repo/beef/tiny-copy.txt']);
    expect(await readFile(path.join(target, 'demo', 'copy.txt'), 'utf8')).toBe(MIRROR_TEXT);
  });

  it('builds pairs.jsonl from a downloaded gteval file and a downloaded task-description file, then checks it', async () => {
    const { shared, target } = await freshLayout();
    const arena = `${JSON.stringify({ conversation_id: 'q1::m', task_description: 'Say hi.' })}\n`;
    const gteval = JSON.stringify([{ sample_id: 'p|d|0::q1::m', real_conversation: [{ role: 'user', content: 'hi' }], synthetic_conversation: [{ role: 'user', content: 'hello!' }], human_label: 0.5 }]);
    served.set('/SAP/mirrorbench/pin/arena.jsonl', arena);
    served.set('/SAP/mirrorbench/pin/runs/gteval_labeled.json', gteval);
    const expectedPairs =
      '{"pair_id": "q1::m", "task_description": "Say hi.", "real": {"source": "chatbot_arena", "messages": [{"role": "user", "content": "hi"}]}, ' +
      '"simulated": {"simulator": "gemini-2.5-pro", "assistant": "gpt-4o", "messages": [{"role": "user", "content": "hello!"}]}}\n';
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const pairsEntry = (sha256: string): ManifestFile => ({
      file: 'pairs.jsonl',
      sha256,
      bytes: Buffer.byteLength(expectedPairs),
      source: {
        kind: 'built',
        builder: 'mirrorbench-pairs',
        inputs: [
          { repo: 'SAP/mirrorbench', commit: 'pin', path: 'runs/gteval_labeled.json', role: 'pairs' },
          { file: 'chatbot_arena_mirror.jsonl', role: 'task descriptions' },
        ],
        parameters: { realSource: 'chatbot_arena', simulator: 'gemini-2.5-pro', assistant: 'gpt-4o' },
      },
    });
    const arenaEntry: ManifestFile = { file: 'chatbot_arena_mirror.jsonl', sha256: sha(arena), bytes: Buffer.byteLength(arena), source: { kind: 'download', repo: 'SAP/mirrorbench', commit: 'pin', path: 'arena.jsonl' } };
    // The built file is listed first on purpose: downloads must still happen before builds.
    const good: DatasetManifest = { schemaVersion: 1, datasets: { mirrorbench: { files: [pairsEntry(sha(expectedPairs)), arenaEntry] } } };
    const result = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest: good, baseUrl, progress: silentProgress });
    expect(result.datasets[0]).toMatchObject({ outcome: 'downloaded', filesFetched: 2 });
    expect(await readFile(path.join(target, 'mirrorbench', 'pairs.jsonl'), 'utf8')).toBe(expectedPairs);

    const bad: DatasetManifest = { schemaVersion: 1, datasets: { mirrorbench: { files: [arenaEntry, pairsEntry('f'.repeat(64))] } } };
    await expect(prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest: bad, baseUrl, progress: silentProgress, force: true })).rejects.toMatchObject({
      code: 'DATA_CHECKSUM_MISMATCH',
      message: expect.stringContaining('datasets/mirrorbench/pairs.jsonl: expected sha256 ffff'),
    });
    expect(existsSync(path.join(target, 'mirrorbench', 'pairs.jsonl'))).toBe(false);
  });

  it('skips a data set that exists only in the shared folder', async () => {
    const { shared, target } = await freshLayout();
    const manifest: DatasetManifest = {
      schemaVersion: 1,
      datasets: { labels: { notDownloadable: 'private hand labels', files: [{ file: 'dev.jsonl', sha256: TINY_SHA256, bytes: 14, source: { kind: 'local-only', reason: 'private' } }] } },
    };
    const result = await prepareDatasets({ sharedDirectory: shared, targetDirectory: target, manifest, baseUrl, progress: silentProgress });
    expect(result.datasets[0]).toMatchObject({ outcome: 'not-downloadable', note: 'private hand labels' });
    expect(existsSync(path.join(target, 'labels'))).toBe(false);
  });
});

// These read ../shared/datasets, which development and CI have and a user's machine lacks.
describe.skipIf(!existsSync(sharedDatasets))('datasets/manifest.json against ../shared/datasets', () => {
  const manifest = parseDatasetManifest(readFileSync(path.join(repositoryRoot, 'datasets', 'manifest.json'), 'utf8'));

  it('lists every shared data file with its exact size and sha256', () => {
    expect(Object.keys(manifest.datasets).sort()).toEqual(['goemotions', 'mirrorbench', 'realsim', 'reference-labels']);
    let files = 0;
    for (const [name, dataset] of Object.entries(manifest.datasets)) {
      for (const entry of dataset.files) {
        const content = readFileSync(path.join(sharedDatasets, name, ...entry.file.split('/')));
        expect({ file: `${name}/${entry.file}`, bytes: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') }).toEqual({
          file: `${name}/${entry.file}`,
          bytes: entry.bytes,
          sha256: entry.sha256,
        });
        files += 1;
      }
    }
    // realsim 20 (18 dialogue files + scenarios + personas), mirrorbench 4, goemotions 8, reference-labels 3.
    expect(files).toBe(35);
  });

  it('rebuilds pairs.jsonl byte for byte from records laid out like gteval_labeled.json', () => {
    // The real gteval_labeled.json cannot be fetched here; turn the shared pairs back into its layout and
    // check that the builder reproduces the shared file exactly (100 records, 43 with a task description).
    const pairsText = readFileSync(path.join(sharedDatasets, 'mirrorbench', 'pairs.jsonl'), 'utf8');
    const pairs = pairsText.trimEnd().split('\n').map((line) => JSON.parse(line) as { pair_id: string; real: { messages: unknown[] }; simulated: { messages: unknown[] } });
    const gtevalLike = JSON.stringify(
      pairs.map((pair) => ({
        sample_id: `proxy:langchain/gemini-2.5-pro|dataset:jsonl/chatbot_arena_mirror|metric:judge/gteval|0::${pair.pair_id}`,
        dataset_name: 'dataset:jsonl/chatbot_arena_mirror',
        real_conversation: pair.real.messages,
        synthetic_conversation: pair.simulated.messages,
        human_label: 0.5,
      })),
      null,
      2,
    );
    const arena = readFileSync(path.join(sharedDatasets, 'mirrorbench', 'chatbot_arena_mirror.jsonl'), 'utf8');
    const entry = manifest.datasets.mirrorbench?.files.find((item) => item.file === 'pairs.jsonl');
    const built = buildMirrorbenchPairs(gtevalLike, arena, { realSource: 'chatbot_arena', simulator: 'gemini-2.5-pro', assistant: 'gpt-4o' });
    expect(pairs).toHaveLength(100);
    expect(built.split('\n').filter((line) => line.includes('"task_description": null')).length).toBe(57);
    expect(createHash('sha256').update(built).digest('hex')).toBe(entry?.sha256);
  });

  it('maps the 18 realsim files and the scenario-key prefixes to the 16 domains of the paper (a flat map, as --domain-map reads it)', () => {
    const domainMap = JSON.parse(readFileSync(path.join(repositoryRoot, 'datasets', 'realsim-domains.json'), 'utf8')) as Record<string, string>;
    const stems = readdirSync(path.join(sharedDatasets, 'realsim', 'real_dialogues')).map((file) => file.replace(/\.json$/, '')).sort();
    for (const stem of stems) expect(Object.keys(domainMap)).toContain(stem);
    // 18 stems, two pairs merged (stories + lit_analysis, education + learning): 18 - 2 = 16 domains.
    const domainsOfStems = new Set(stems.map((stem) => domainMap[stem]));
    expect(domainsOfStems.size).toBe(16);
    expect(new Set(Object.values(domainMap))).toEqual(domainsOfStems);
    expect([domainMap.stories, domainMap.lit_analysis, domainMap.learning, domainMap.education, domainMap.email]).toEqual(['books', 'books', 'education', 'education', 'email']);
    // scenario keys are "<prefix>_<n>" with shorter prefixes (finance_12, song_3, …): each prefix maps into the 16 domains
    const scenarios = JSON.parse(readFileSync(path.join(sharedDatasets, 'realsim', 'all_extracted_scenarios.json'), 'utf8')) as Record<string, string>;
    const prefixes = new Set(Object.keys(scenarios).map((key) => key.slice(0, key.lastIndexOf('_'))));
    for (const prefix of prefixes) expect(domainsOfStems.has(domainMap[prefix] ?? prefix)).toBe(true);
  });
});
