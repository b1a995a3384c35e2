import { describe, expect, it } from 'vitest';
import { classifyNonProseLine, stripNonProse } from './strip-non-prose.js';

const rulesOf = (text: string) => stripNonProse(text).removed.map((piece) => piece.rule);

describe('stripNonProse: blocks and lines', () => {
  it('removes fenced code blocks, closed or left open, and keeps the prose around them', () => {
    const text = 'Why does this fail?\n```python\nprint(x\n```\nIt says syntax error.';
    const stripped = stripNonProse(text);
    expect(stripped.prose).toBe('Why does this fail?\n\nIt says syntax error.');
    expect(stripped.removed).toEqual([{ rule: 'fenced-code', text: '```python\nprint(x\n```' }]);
    expect(stripNonProse('Fix this:\n~~~\nfoo bar baz\nmore code').prose).toBe('Fix this:\n');
  });

  it('removes quoted lines, table rows and log lines', () => {
    expect(classifyNonProseLine('> Dear sir, I writes to you')).toBe('quoted-line');
    expect(classifyNonProseLine('| name | age |')).toBe('table-line');
    expect(classifyNonProseLine('Python | Java | SQL | Tableau')).toBe('table-line');
    expect(classifyNonProseLine('alice\t34\tlondon')).toBe('table-line');
    expect(classifyNonProseLine('2023-04-01 12:00:01 ERROR connection refused')).toBe('log-line');
    expect(classifyNonProseLine('[12:03:44] worker started')).toBe('log-line');
  });

  it('removes markup lines: LaTeX commands and comments, HTML tags', () => {
    expect(classifyNonProseLine('\\section{Education}')).toBe('markup-line');
    expect(classifyNonProseLine('    %%% UN ITALICISE %%%%')).toBe('markup-line');
    expect(classifyNonProseLine('<div class="x">hello</div>')).toBe('markup-line');
  });

  it('removes code-looking lines: keywords, braces at the edges, operators with symbols', () => {
    expect(classifyNonProseLine('import numpy as np')).toBe('code-line');
    expect(classifyNonProseLine('def main(args):')).toBe('code-line');
    expect(classifyNonProseLine('const total = items.length;')).toBe('code-line');
    expect(classifyNonProseLine('SELECT name FROM users WHERE id = 3')).toBe('code-line');
    expect(classifyNonProseLine('  {Georgia Institute of Technology}{Boulder, Colorado}')).toBe('code-line');
    expect(classifyNonProseLine('if x == 3 and y != 4: z = f()')).toBe('code-line');
    expect(classifyNonProseLine("['On May 5th, the US will release', 'indicators']")).toBe('code-line');
  });

  it('removes data lines: JSON keys, dense symbols, mostly digits', () => {
    expect(classifyNonProseLine('  "model": "gpt-4",')).toBe('data-line');
    expect(classifyNonProseLine('user@debian:~$ ')).toBe('data-line');
    expect(classifyNonProseLine('BP: 110/80 mmHg')).toBe('data-line');
    expect(classifyNonProseLine('+1 (123) 456 7890')).toBe('data-line');
  });

  it('keeps ordinary prose lines, including lower-case, misspelt and short ones', () => {
    for (const line of [
      'i has a apple',
      'what should i say in the subject line?',
      'Can you make it 20% shorter and cost under $100?',
      '1. Ensuring the Joint Force can achieve its missions in a contested domain;',
      '    Retain and grow a book of enterprise customers through coaching.',
      'ok',
      'R&D team (3 people) needs help',
      'Thanks :)',
    ]) {
      expect(classifyNonProseLine(line), line).toBeUndefined();
    }
  });

  it('replaces a removed line by an empty line so neighbouring prose does not merge', () => {
    expect(stripNonProse('Here is my code\nconst a = b;\nwhy is it wrong').prose).toBe('Here is my code\n\nwhy is it wrong');
  });
});

describe('stripNonProse: inline items become one placeholder word', () => {
  it('replaces URLs but keeps the sentence punctuation after them', () => {
    const stripped = stripNonProse('please summarize https://www.ncbi.nlm.nih.gov/pmc/a.pdf. Also see www.example.com/x?y=1!');
    expect(stripped.prose).toBe('please summarize Link. Also see Link!');
    expect(stripped.removed).toEqual([
      { rule: 'url', text: 'https://www.ncbi.nlm.nih.gov/pmc/a.pdf' },
      { rule: 'url', text: 'www.example.com/x?y=1' },
    ]);
  });

  it('replaces inline code, email addresses, paths and file names', () => {
    expect(stripNonProse('why does `arr.map(f)` return undefined').prose).toBe('why does Code return undefined');
    expect(stripNonProse('send it to abcdefg@gmail.com today').prose).toBe('send it to Address today');
    expect(stripNonProse('edit /etc/ssh/ssh_config and ~/.ssh/known_hosts').prose).toBe('edit File and File');
    expect(stripNonProse('open C:\\Users\\me\\notes.txt now').prose).toBe('open File now');
    expect(stripNonProse('summarize Drug.pdf for me').prose).toBe('summarize File for me');
    expect(rulesOf('edit /etc/ssh/ssh_config')).toEqual(['file-path']);
  });

  it('replaces anonymization placeholders and overlong glued tokens, but not a user\'s missing spaces', () => {
    expect(stripNonProse('Hi <PRESIDIO_ANONYMIZED_PERSON>, thanks').prose).toBe('Hi Name, thanks');
    expect(stripNonProse('2. EnhancingJointForcemilitaryadvantagesthroughtheintegration into planning').prose).toBe(
      '2. Text into planning',
    );
    // a user typing commas without spaces is linted as written (30 characters, no long run, no URL punctuation)
    expect(stripNonProse('"portable,lightweight,foldable" chair').removed).toEqual([]);
  });

  it('leaves clean prose untouched', () => {
    const text = 'Can you help me write an email to my boss? I will be late tomorrow.';
    expect(stripNonProse(text)).toEqual({ prose: text, removed: [] });
  });
});
