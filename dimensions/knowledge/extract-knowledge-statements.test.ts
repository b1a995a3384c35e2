import { describe, expect, it } from 'vitest';
import { extractKnowledgeStatements, MAXIMUM_KNOWN_TOPICS_PER_TURN } from './extract-knowledge-statements.js';

/** Input turn → exact statements, as documented in README.md ("Rules"). Uses wink-nlp's English model. */
const EXAMPLES: Array<[string, string[]]> = [
  [
    "How do I merge two dataframes in pandas? I'm using Python 3.11 and node.js with the OpenAI API.",
    [
      'the user knows about Python 3.11',
      'the user knows about node.js',
      'the user knows about OpenAI API',
      'the user does not know how to merge dataframes',
    ],
  ],
  [
    "What is a neural network? I don't understand backpropagation.",
    ['the user does not know about neural network', 'the user does not know about backpropagation'],
  ],
  [
    'We are working on a Hong Kong IPO - Cutia Therapeutic. CICC and Goldman Sachs are co-sponsor banks.',
    [
      'the user knows about Hong Kong IPO',
      'the user knows about Cutia Therapeutic',
      'the user knows about CICC',
      'the user knows about Goldman Sachs',
      'the user knows about co-sponsor banks',
    ],
  ],
  [
    'Can you explain the difference between a Roth IRA and a 401k?',
    ['the user does not know about Roth IRA', 'the user does not know about 401k'],
  ],
  [
    'What strains of cannabis have been reported by individuals with borderline personality disorder as preferable?',
    ['the user knows about borderline personality disorder', 'the user does not know about strains of cannabis'],
  ],
  ['how much protein should i eat per day to build muscle', ['the user does not know about protein']],
  ['I have no idea what a p-value means. Thanks!', ['the user does not know about p-value']],
  [
    'Please write a cover letter for a software engineer job at Google.',
    ['the user knows about cover letter', 'the user knows about software engineer job', 'the user knows about Google'],
  ],
  ['What is the best way to learn Python?', ['the user does not know about Python']],
  [
    "I'm new to Kubernetes. How do I deploy a Docker container?",
    ['the user does not know about Kubernetes', 'the user does not know how to deploy Docker container'],
  ],
  // a request with no names, terms or questions says nothing about knowledge
  ['write a poem about the sea', []],
  ['thanks, that was helpful!', []],
  // "how to do" has no object; NAME_1 is an LMSYS anonymization placeholder, never a name
  ['Hi NAME_1, how to do it?', []],
];

describe('extractKnowledgeStatements', () => {
  it.each(EXAMPLES)('%s', (turn, statements) => {
    expect(extractKnowledgeStatements(turn).statements).toEqual(statements);
  });

  it('separates known and unknown topics', () => {
    const result = extractKnowledgeStatements("How do I merge two dataframes in pandas? I'm using Python 3.11.");
    expect(result.knownTopics).toEqual(['Python 3.11']);
    expect(result.unknownTopics).toEqual(['how to merge dataframes']);
  });

  it('skips text that is mostly not Latin script and says why', () => {
    expect(extractKnowledgeStatements('这是一个测试句子，请帮我翻译 API')).toEqual({
      knownTopics: [],
      unknownTopics: [],
      statements: [],
      skippedBecause: 'not english',
    });
    expect(extractKnowledgeStatements('   ')).toEqual({ knownTopics: [], unknownTopics: [], statements: [] });
  });

  it('ignores fenced code and caps the known topics of a long paste', () => {
    const code = 'Fix this:\n```\nconst useMemo = React.createElement(AppShell)\n```\n';
    expect(extractKnowledgeStatements(code).statements).toEqual([]);
    const names = Array.from({ length: 20 }, (_, index) => `We met Anna${String.fromCharCode(97 + index)} Brown.`).join(' ');
    expect(extractKnowledgeStatements(names).knownTopics).toHaveLength(MAXIMUM_KNOWN_TOPICS_PER_TURN);
  });

  it('is deterministic', () => {
    const turn = 'Why does my Flask app return a 500 error on AWS Lambda?';
    expect(extractKnowledgeStatements(turn)).toEqual(extractKnowledgeStatements(turn));
  });
});
