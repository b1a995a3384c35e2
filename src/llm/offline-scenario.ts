/**
 * The key-free scenario backend: one sentence "interacting with a chatbot to …" (under 20 words) from a
 * dialogue's first user turns, by rules. It takes the first sentence that is not a self-introduction,
 * removes personal details (e-mail addresses, URLs, runs of digits, "my name is …") and greetings or
 * politeness ("hi, can you please …"), then phrases it by its first word: an imperative verb gives
 * "to write a poem about rain", a question gives "to ask: what is the capital of peru", anything else
 * "to get help with: …"; at most 14 words follow the prefix. Pure and deterministic.
 */
export const SCENARIO_PREFIX = 'interacting with a chatbot to';
/** Words allowed after the five-word prefix so the sentence stays under 20 words. */
const TASK_WORDS = 14;

const IMPERATIVE_VERBS = new Set(
  'write rewrite explain translate summarize summarise create make give help tell list generate fix find describe compose draft design plan suggest recommend compare analyze analyse correct improve edit paraphrase convert calculate solve show teach continue act pretend imagine play build develop code implement review check proofread outline answer define name provide'.split(' '),
);
const POLITE_OPENINGS = /^(?:(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b[,!.]*\s*(?:there\b[,!.]*\s*)?)?(?:(?:please|pls|kindly|ok(?:ay)?|so|now)\b[,]?\s*)*(?:(?:can|could|would|will) you(?: please)?\s+|i (?:want|need|would like) you to\s+|i want to\s+|i need to\s+|i'd like you to\s+|help me(?: to)?\s+(?=\w))?/i;
const PERSONAL = [/\S+@\S+\.\S+/g, /\bhttps?:\/\/\S+/gi, /\bwww\.\S+/gi, /\+?\d[\d\s().-]{2,}\d/g, /\bmy name is\s+\S+(?:\s+[A-Z]\S*)?/gi];
const SELF_INTRODUCTION = /^(?:i am|i'm|im|my name|as an?|i work|i live)\b/i;

export function offlineScenario(userTexts: readonly string[]): string {
  const sentence = firstTaskSentence(userTexts);
  if (sentence === undefined) return `${SCENARIO_PREFIX} start a conversation`;
  const cleaned = removePersonalDetails(sentence).replace(POLITE_OPENINGS, '').trim();
  const words = cleaned.replace(/[?!.:;,]+$/g, '').split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
  let task: string[];
  if (words.length === 0) return `${SCENARIO_PREFIX} start a conversation`;
  if (IMPERATIVE_VERBS.has(first)) task = [first, ...words.slice(1)];
  else if (/\?\s*$/.test(sentence) || /^(?:what|why|how|when|where|who|which|is|are|do|does|can|should)\b/i.test(cleaned)) task = ['ask:', ...words];
  else task = ['get', 'help', 'with:', ...words];
  const limited = task.slice(0, TASK_WORDS).join(' ').toLowerCase().replace(/["“”]/g, '');
  return `${SCENARIO_PREFIX} ${limited}`;
}

function firstTaskSentence(userTexts: readonly string[]): string | undefined {
  for (const text of userTexts) {
    const sentences = text
      .split(/(?<=[.?!])\s+|\n+/)
      .map((sentence) => sentence.trim())
      .filter((sentence) => /[a-z]/i.test(sentence));
    const task = sentences.find((sentence) => {
      const request = removePersonalDetails(sentence).replace(POLITE_OPENINGS, '');
      return /[a-z]/i.test(request) && !SELF_INTRODUCTION.test(request);
    });
    if (task !== undefined) return task;
  }
  return undefined;
}

export function removePersonalDetails(text: string): string {
  return PERSONAL.reduce((current, pattern) => current.replace(pattern, ' '), text).replace(/\s+/g, ' ').trim();
}
