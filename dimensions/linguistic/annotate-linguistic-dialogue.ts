import { userTurnTexts, type Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation } from '../../src/core/dimension.js';
import { lowerCaseWordTokens } from './lower-case-word-tokens.js';
import { measureOfTextualLexicalDiversity } from './measure-of-textual-lexical-diversity.js';
import {
  addReadabilityCounts,
  fleschKincaidGradeFromCounts,
  noReadabilityCounts,
  readabilityCounts,
} from './readability-counts.js';

function meanOfDefined(values: Array<number | null>): number | null {
  const defined = values.filter((value): value is number => value !== null);
  if (defined.length === 0) return null;
  return defined.reduce((sum, value) => sum + value, 0) / defined.length;
}

/**
 * Linguistic measures of one dialogue's user text.
 * - Per dialogue (headline): Flesch–Kincaid grade from the counts summed over user messages, each message
 *   counted on its own, so a turn boundary always ends a sentence (a message is at least one sentence);
 *   MTLD over the user tokens of all turns in order.
 * - Per message: the mean over user messages that have at least one word of the message's grade, and
 *   the mean over messages where MTLD is defined (at least one repeated token) of the message's MTLD.
 */
export function annotateLinguisticDialogue(dialogue: Dialogue): DialogueAnnotation {
  let dialogueCounts = noReadabilityCounts;
  const dialogueTokens: string[] = [];
  const userTurns: Array<Record<string, unknown>> = [];
  const gradePerMessage: Array<number | null> = [];
  const mtldPerMessage: Array<number | null> = [];
  userTurnTexts(dialogue).forEach((text, index) => {
    const counts = readabilityCounts(text);
    const tokens = lowerCaseWordTokens(text);
    dialogueCounts = addReadabilityCounts(dialogueCounts, counts);
    for (const token of tokens) dialogueTokens.push(token);
    const grade = fleschKincaidGradeFromCounts(counts);
    const mtld = measureOfTextualLexicalDiversity(tokens);
    gradePerMessage.push(grade);
    mtldPerMessage.push(mtld);
    userTurns.push({ userTurn: index + 1, ...counts, tokens: tokens.length, fleschKincaidGrade: grade, mtld });
  });
  return {
    dialogueId: dialogue.id,
    numeric: {
      flesch_kincaid_grade: fleschKincaidGradeFromCounts(dialogueCounts),
      mtld: measureOfTextualLexicalDiversity(dialogueTokens),
      flesch_kincaid_grade_per_message: meanOfDefined(gradePerMessage),
      mtld_per_message: meanOfDefined(mtldPerMessage),
    },
    categorical: {},
    userTurns,
  };
}
