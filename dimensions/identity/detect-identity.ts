import { normalizeTurnText, splitIntoSentences } from '../intent/normalize-turn-text.js';
import { IDENTITY_CATEGORIES, type IdentityCategory } from './identity-categories.js';

/**
 * Rule-based self-disclosure tagger (backend "rules"), written from dimensions/identity/README.md: a category is tagged
 * only for an explicit first-person statement about the user (I / my / we), found by cue patterns per
 * category. Each tag comes with its quote: the clause of the user's text that matched, an exact
 * substring of the original turn.
 *
 * Pasted material (text after "…:" or a long paste) is about someone else or is content to work on, so
 * it is not read, unless the user says it is their own (my cv / resume / profile / about me), as with a
 * CV whose achievement lines describe the user's past.
 */
export interface IdentityDetection {
  categories: IdentityCategory[];
  /** One supporting quote per found cue (deduplicated), each a substring of the user text. */
  quotes: string[];
}

const FIRST_PERSON = String.raw`(?:i|i'm|im|i've|i'd|i'll|we|we're|we've|my|our|me)`;

const OCCUPATIONS =
  'student|teacher|engineer|developer|programmer|nurse|doctor|physician|lawyer|attorney|manager|designer|writer|analyst|scientist|researcher|professor|lecturer|consultant|accountant|freelancer|entrepreneur|founder|owner|retiree|intern|graduate|undergrad|undergraduate|phd candidate|male|female|man|woman|guy|girl|boy|veteran|immigrant|citizen|resident|native speaker|professional|specialist|officer|executive|assistant|employee|artist|musician|singer|songwriter|author|chef|cook|pharmacist|therapist|psychologist|dentist|coach|trainer|marketer|recruiter|architect|technician|mechanic|pilot|driver|farmer|journalist|editor|translator|secretary|cashier|clerk|administrator|student nurse|mom|mum|dad|mother|father|parent|teenager|beginner|senior|junior';
const CONDITIONS =
  'disease|disorder|diabetes|asthma|cancer|adhd|add|anxiety|depression|ptsd|ocd|allerg(?:y|ies)|concussion|injury|pain|headaches?|migraines?|symptoms?|condition|syndrome|infection|fever|flu|covid|acne|eczema|insomnia|arthritis|hypertension|high blood pressure|cholesterol|autism|dyslexia|epilepsy|ibs|back pain|tinnitus';
const RELATIONS =
  "mom|mother|mum|dad|father|parents?|wife|husband|partner|spouse|boyfriend|girlfriend|fianc[eé]e?|sons?|daughters?|kids?|children|child|baby|babies|brothers?|sisters?|siblings?|family|friends?|best friend|bff|boss|manager|supervisor|co-?workers?|colleagues?|team|teammates?|teacher|professor|tutor|students?|classmates?|roommates?|neighbou?rs?|clients?|customers?|grandma|grandmother|grandpa|grandfather|grandparents|aunt|uncle|cousins?|nephew|niece|in-laws?|dean|mentor|employees|staff|landlord|ex|crush|fiance|girl|guy|dog|cat|pets?";

interface CategoryRule {
  category: IdentityCategory;
  pattern: RegExp;
}

const RULES: CategoryRule[] = [
  // demographic: age, gender, nationality, residence, occupation, student status
  { category: 'demographic', pattern: new RegExp(String.raw`\bi(?:'m| am)(?: now| currently)? (?:\d{1,2} ?(?:years?|yrs?)(?:[- ]old)?|\d{1,2}(?=\W*$| and | years| yo\b|,))`) },
  { category: 'demographic', pattern: new RegExp(String.raw`\b(?:i(?:'m| am)|i work(?:ed)? as|(?<!act |acting |act like |pretend to be |role of )as) (?:a |an )?(?:[a-z-]+ ){0,2}(?:${OCCUPATIONS})s?\b(?! (?:of|to|for you))`) },
  { category: 'demographic', pattern: /\bi (?:live|grew up|was born|reside|am living|'m living) (?:in|at|near)\b|\bi(?:'m| am) (?:from|based in|located in|a native of)\b|\bmy (?:country|city|hometown|home town|nationality|age|gender|job|profession|occupation|major|degree|university|college|school|company|employer|salary|income)\b|\bi (?:work|study|studied|majored|major) (?:at|in|for|as)\b|\b(?:my|i have a|i hold a|i(?:'m| am) doing a|i(?:'m| am) pursuing a) (?:bachelor'?s?|master'?s?|phd|doctorate|degree|diploma)\b/ },
  // physical: body, illness, symptoms, allergies, disabilities, medication
  { category: 'physical', pattern: new RegExp(String.raw`\bi (?:have|had|suffer from|suffered from|was diagnosed with|(?:'ve|have) been diagnosed with|am diagnosed with|struggle with|deal with|got|get) (?:a |an |chronic |severe |mild |bad |some )?(?:[a-z0-9-]+ ){0,3}(?:${CONDITIONS})\b`) },
  { category: 'physical', pattern: /\bi(?:'m| am) (?:allergic|pregnant|diabetic|overweight|underweight|obese|lactose intolerant|deaf|blind|disabled|autistic|sick|ill|injured|short|tall|skinny)\b|\bi weigh\b|\bi(?:'m| am) \d+(?:\.\d+)? ?(?:cm|kg|kgs|lbs?|pounds|feet|ft|foot)\b|\bmy (?:weight|height|bmi|body|back|knees?|shoulders?|neck|stomach|skin|hair|teeth|eyes|heart|blood (?:sugar|pressure)|symptoms?|medication|meds|health|diagnosis|condition)\b|\bi (?:take|am taking|'m taking|was prescribed|am on|'m on) (?:[a-z]+ ){0,2}(?:mg|medication|medications|pills|meds|adderall|insulin|antidepressants?|ssris?|birth control)\b|\b(?:while|since|because) (?:i(?:'m| am) )?(?:being )?prescribed\b/ },
  // relationships
  { category: 'relationships', pattern: new RegExp(String.raw`\b(?:my|our) (?:(?:[a-z]+ )?(?:${RELATIONS}))\b`) },
  // preferences
  { category: 'preferences', pattern: /\b(?:i|we) (?:really |absolutely |just |also |don'?t |do not |kind of |kinda )?(?:like|love|enjoy|prefer|adore|hate|dislike|can'?t stand)\b(?! (?:you|your|it|this|that|the (?:first|second|third|last|[a-z0-9]+ one)|to know|it if|if you))|\bi(?:'m| am) (?:a )?(?:big |huge )?fan of\b|\bi(?:'m| am) (?:really )?(?:into|passionate about|obsessed with|a (?:vegan|vegetarian))\b|\bi(?:'m| am) (?:vegan|vegetarian|pescatarian)\b|\bmy (?:favou?rite|fav|go-to)\b|\b(?:i|we) (?:don'?t|do not) (?:want|have|need) (?:any |a )?(?:[a-z]+ ){0,2}(?:places?|food|foods|music|movies?|songs?|books?|hobby|hobbies|shows?|games?|sports?|clothes|style|brands?|restaurants?|spots?)\b/ },
  // past: events, activities, habits, experience
  { category: 'past', pattern: /(?<!\bif )\b(?:i|we) (?:recently |once |just |already |previously |finally )?(?:worked|studied|graduated|lived|visited|travell?ed|went|did|made|sent|wrote|built|created|developed|designed|implemented|managed|led|started|finished|completed|bought|sold|lost|moved|met|tried|learned|learnt|spent|received|applied|attended|joined|quit|left|won|failed|passed|published|launched|founded|grew up|broke up|married|had (?:a|an|my|to|been|some|the)|was (?:a|an|born|in|at|diagnosed|fired|hired|promoted|told|asked|working|married|\d))\b|\b(?:i|we)(?:'ve| have) (?:been|had|done|worked|used|tried|read|seen|written|started|always|never|struggled|noticed|lived|spent|visited|made|completed|finished|lost|gained)\b|\bi (?:often|usually|always|sometimes|regularly|used to|tend to|occasionally|rarely|never)\b|\b\d+\+? years? of (?:\w+ )?experience\b|\bi have (?:[a-z]+ ){0,3}experience\b|\bi(?:'m| am) (?:currently )?(?:working on|studying|learning|preparing|building|developing|running|struggling|dealing|recovering)\b|\bmy (?:experience|background|previous|last job|first job|career)\b/ },
  // future: plans and upcoming events
  { category: 'future', pattern: /\b(?:i|we)(?:(?:'ll| will| am going to|'m going to| are going to|'re going to)(?! (?:[a-z]+ ){0,2}(?:you|your)\b)| plan to| am planning|'m planning| are planning|'re planning| intend to| hope to| aim to| am about to|'m about to| am seeking|'m seeking| am looking for a|'m looking for a| would like to (?:visit|go|travel|start|move|become|apply|study|open|launch)| want to (?!know|ask|understand|see|check|find out|clarify|confirm|make sure|learn more|get (?:a|an|the|some) (?:answer|idea|list)|pass|use|add|convert|translate|print|run|call|set|change|replace|remove|display|show|return|write|rewrite|edit|improve|fix|test|compare|calculate|sort|format|generate))\b|\bnext (?:week|month|year|summer|winter|spring|fall|autumn|weekend|semester|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\btomorrow\b|\bmy (?:upcoming|next|future) \w+|\bmy (?:trip|vacation|holiday|wedding|interview|exam|exams|presentation|move|flight|honeymoon|birthday|goal|goals|plan|plans)\b|\bso (?:that )?(?:hopefully )?(?:i|we) can\b|\bif i (?:want|plan|decide|managed?|go|travel) to\b|\b(?:itinerary|trip|travel plan) (?:to|in|for) (?:visit )?[a-z]|\bitinerary to visit\b|\bsav(?:e|ing) (?:money |up )?for\b|\bi need (?:a|an|some) (?:[a-z]+ ){0,3}(?:place|spot|restaurant|hotel|venue|gift|present|outfit) (?:to|for|in)\b/ },
  // worldview: beliefs, religion, politics, moral stances
  { category: 'worldview', pattern: /\bi (?:don'?t |do not |really |strongly |personally )?(?:think|believe|feel)\b(?! (?:you|i\b|that you|it would|it might|this (?:is|would)|so\b|about|like|good|bad|great|better|worse|sad|happy|tired|stuck|free|comfortable))|\bin my (?:opinion|view)\b|\bi(?:'m| am) (?:a )?(?:christian|muslim|jewish|hindu|buddhist|atheist|agnostic|catholic|religious|conservative|liberal|progressive|libertarian|feminist|democrat|republican|socialist|vegan activist)\b|\bmy (?:faith|religion|beliefs?|values|political)\b|\bpeople (?:should|shouldn'?t|must|need to)\b|\b(?:we|i) (?:want to|should) live\b|\bi (?:support|oppose|am against|'m against|disagree)\b/ },
];

/** A user's own material, pasted on purpose: read it too. */
const OWN_MATERIAL = /\b(cv|resume|résumé|linkedin|cover letter|my (profile|bio|background|experience|achievements?)|about me|here is my)\b/;
/** Pasted text the user wrote themselves (an email, a message to edit), unless it is creative content. */
const OWN_TEXT_INSTRUCTION = /\b(paraphrase|rephrase|reword|edit|proofread|polish|correct|improve|email|e-mail|message|letter|text|paragraph|sentence|post|reply|note|bio|statement|introduction)\b/;
const CREATIVE_INSTRUCTION = /\b(lyrics?|song|poem|story|novel|script|character|role|fiction|chapter|dialogue|scene)\b/;
/** Achievement lines of a CV: past activities of the user. */
const ACHIEVEMENT_LINE =
  /(?:^|\n|•|\t|^- |: |")\s*(?:gathered|developed|designed|implemented|managed|led|built|created|delivered|improved|increased|reduced|launched|collaborated|analy[sz]ed|achieved|coordinated|established|oversaw|completed|graduated)\b[^\n•]{0,160}/g;

const PASTE_LIMIT_CHARACTERS = 600;
const OWN_TEXT_LIMIT_CHARACTERS = 2000;

/** The end offset of the part of the turn written by the user as their own message. */
function ownWordsEnd(normalized: string): number {
  const colon = /:\s/.exec(normalized);
  if (colon && colon.index < 200 && normalized.length - colon.index > 60) return colon.index;
  return Math.min(normalized.length, PASTE_LIMIT_CHARACTERS);
}

/**
 * The clause around a match: from the previous clause boundary (. ! ? ; newline bullet, at most 80
 * characters back) to the next (at most 160 characters on), trimmed of spaces and leading commas.
 * Sliced from the original text, so it is always an exact substring of it.
 */
export function clauseAround(original: string, normalized: string, matchStart: number, matchEnd: number, limitStart: number, limitEnd: number): string {
  let start = matchStart;
  while (start > limitStart && !/[.!?;,:\n•]/.test(normalized[start - 1]!) && matchStart - start < 80) start -= 1;
  while (start < matchStart && start > limitStart && /\w/.test(normalized[start - 1]!)) start += 1;
  let end = matchEnd;
  while (end < limitEnd && !/[.!?;,:\n•]/.test(normalized[end]!) && end - matchStart < 160) end += 1;
  while (end > matchEnd && end < limitEnd && /\w/.test(normalized[end]!)) end -= 1;
  while (start < end && /[\s,:\-]/.test(original[start]!)) start += 1;
  while (end > start && /\s/.test(original[end - 1]!)) end -= 1;
  return original.slice(start, end);
}

export function detectIdentity(text: string): IdentityDetection {
  const normalized = normalizeTurnText(text);
  if (normalized.trim().length === 0) return { categories: [], quotes: [] };
  const found = new Set<IdentityCategory>();
  const quotes: string[] = [];
  const addQuote = (quote: string) => {
    if (quote.length > 0 && !quotes.includes(quote)) quotes.push(quote);
  };

  let end = ownWordsEnd(normalized);
  const instruction = normalized.slice(0, Math.min(end, 200));
  if (end < normalized.length && OWN_TEXT_INSTRUCTION.test(instruction) && !CREATIVE_INSTRUCTION.test(instruction)) {
    end = Math.min(normalized.length, OWN_TEXT_LIMIT_CHARACTERS);
  }
  const ownWords = normalized.slice(0, end);
  for (const sentence of splitIntoSentences(ownWords)) {
    if (!new RegExp(String.raw`\b${FIRST_PERSON}\b`).test(sentence.text) && !/\bpeople (should|shouldn'?t|must)\b/.test(sentence.text)) continue;
    for (const rule of RULES) {
      const match = rule.pattern.exec(sentence.text);
      if (!match) continue;
      found.add(rule.category);
      const matchStart = sentence.start + match.index;
      addQuote(clauseAround(text, normalized, matchStart, matchStart + match[0].length, sentence.start, sentence.start + sentence.text.length));
    }
  }

  if (OWN_MATERIAL.test(normalized.slice(0, 300))) {
    for (const match of normalized.matchAll(ACHIEVEMENT_LINE)) {
      found.add('past');
      const index = match.index ?? 0;
      addQuote(clauseAround(text, normalized, index, index + match[0].length, index, index + match[0].length));
      if (quotes.length > 12) break;
    }
    const ownEnd = Math.min(normalized.length, 4000);
    const experience = /\b\d+\+? years? of (?:[a-z]+ )?experience\b|\b(?:bachelor'?s?|master'?s?|phd|mba|degree) (?:degree )?in\b|\b(?:specialist|analyst|engineer|manager|executive|officer|developer|consultant|coordinator) (?:experience )?(?:at|in)\b|\bseek(?:s|ing)? (?:to|a|an|new)\b|\blooking for (?:a |an )?(?:new )?(?:opportunit|role|position|job)|\b[a-z]+ professional with\b/g;
    for (const match of normalized.slice(0, ownEnd).matchAll(experience)) {
      const category: IdentityCategory = /years? of/.test(match[0]) ? 'past' : /seek|looking/.test(match[0]) ? 'future' : 'demographic';
      found.add(category);
      const index = match.index ?? 0;
      addQuote(clauseAround(text, normalized, index, index + match[0].length, 0, ownEnd));
    }
  }
  return { categories: IDENTITY_CATEGORIES.filter((category) => found.has(category)), quotes };
}
