import { normalizeTurnText } from '../intent/normalize-turn-text.js';
import { FEEDBACK_TAGS, type FeedbackTag } from './feedback-tags.js';
import { findRepeatedRequestAmong, REPETITION_LOOKBACK_TURNS, repetitionTurnWords, type RepetitionTurnWords } from './find-repeated-request.js';

/**
 * Rule-based feedback tagger (backend "rules"), written from dimensions/feedback/README.md. Feedback is the user's
 * reaction to the PREVIOUS chatbot turn, so every rule looks at the opening of the turn (where people
 * react) or compares the turn with earlier user turns; a pasted block later in the turn is not a
 * reaction. The first user turn is always ["no_feedback"]; no_feedback is given alone, when no other
 * tag applies.
 */
export interface FeedbackContext {
  /** All user turns of the dialogue, in order. */
  userTexts: readonly string[];
  /** 0-based index of the turn being tagged. */
  index: number;
  /** The chatbot turn just before this user turn ('' when none). */
  previousAssistantText: string;
  /** repetitionTurnWords of every entry of userTexts, when the caller prepared them once per dialogue. */
  repetitionWords?: readonly RepetitionTurnWords[];
}

/** The repetition views of the turns a turn is compared with: the prepared ones, or the window computed now. */
function repetitionOfTurn(context: FeedbackContext) {
  if (context.repetitionWords) return findRepeatedRequestAmong(context.repetitionWords, context.index);
  const first = Math.max(0, context.index - REPETITION_LOOKBACK_TURNS);
  const window = context.userTexts.slice(first, context.index + 1).map(repetitionTurnWords);
  return findRepeatedRequestAmong(window, context.index - first);
}

/** How much of the turn's start counts as the reaction (characters). */
const OPENING_CHARACTERS = 240;
const SHORT_TURN_WORDS = 12;

const POSITIVE_OPENING =
  /^\W*(thanks?\b|thank you|thx\b|ty\b|great\b|perfect\b|awesome\b|excellent\b|amazing\b|nice\b|good (job|answer|work|one)\b|cool\b|wonderful\b|fantastic\b|brilliant\b|love (it|this|that|the)\b|i (love|like) (it|this|that|the|your)\b|that'?s (great|perfect|helpful|good|awesome|nice|it|better|right|correct|exactly)\b|this is (great|perfect|good|helpful|awesome|better|amazing)\b|well done\b|exactly\b|much better\b|good\W*$|ok(ay)?,? (thanks|thank you|great|perfect|good)\b|yes,? (that'?s|this is|it'?s) (right|correct|it|perfect|great)\b)/;
const POSITIVE_ANYWHERE = /\b(that|this|it) (was|is) (very |really |so )?(helpful|useful|great|perfect|excellent|amazing)\b|\bthanks? (a lot|so much|very much)\b|\b(thank you|thanks)\W*$/;

const NEGATIVE =
  /\b(wrong|incorrect|inaccurate|not (correct|right|true|accurate|what i (asked|wanted|meant|said|need))|that'?s not (it|right|true|what)|this is not what|doesn'?t make (any )?sense|makes no sense|nonsense|you (made|make) (a |some )?mistakes?|you (didn'?t|did not|don'?t|do not|failed to|never) (answer|understand|follow|listen|read|include|mention|get)|you (forgot|missed|ignored|repeated|keep)|(too|way too) (long|short|generic|vague|formal|robotic|complicated|wordy|repetitive|boring)\b|sounds (robotic|weird|unnatural|fake)|not (good|helpful|useful|working)\b|useless|bad (answer|response|job)|like you said|you (just )?said|you (told|claimed)|still (wrong|not|the same|doesn'?t)|doesn'?t (exist|work)|does not (exist|work)|(is|was) not released|hallucinat|you'?re (lying|wrong)|stupid|dumb|terrible|awful|worse|i already (said|told|asked)|(can'?t|cannot) be (cooked|used|done|right|true)|that'?s (false|a lie))/;
const ANGRY_EMOTICON = /^\s*[>]?[:;=x][\-']?[|(\/\\[@]+\s*$|^\s*(wtf|ugh+|smh|seriously\??)\W*$/;
const PUSHBACK_OPENING = /^(but|no,|nope|wait,|hmm+,? (but|no))\b/;

const CONTINUATION =
  /^\W*(please )?(continue|go on|keep going|carry on|proceed|and\?|\.\.\.|finish( it| the list| the (story|text|code|answer))?)\b|^\W*(please )?((tell|give|show|suggest|list|write|send) (me )?)?(some |a few |\d+ )?more\b|\b(continue (please|writing|from|the (list|story|text|answer))|keep going|what else|any more\??$|finish (the|it|your))\b/;
const AFFIRMATION_ONLY = /^\W*(yes|yeah|yep|yup|ok|okay|sure|please do|go ahead|do it|y)\W*$/;
const ASSISTANT_OFFERS_MORE = /\b(continue|next|more|proceed|go on|shall i|should i|would you like|do you want|want me to)\b[^.?!]*\?\s*$/;

const CLARIFICATION_REQUEST =
  /\b(what do you mean|what did you mean|what does (that|this|it|.{1,60}) means?\b|what is meant by|i don'?t (understand|get it|follow)|i didn'?t (understand|get)|(not|isn'?t) clear|confus(ed|ing)|can you (clarify|explain (that|this|what you|it again|again|further))|explain (that|this|it) again|what are you (talking|referring)|you mentioned|in the above|in your (previous|last) (answer|response)|why (did |do |would )?you (suggest|say|said|mention|recommend|choose|put|include|add|use|think|pick|write)|why .{0,40}\b(not correct|wrong|incorrect|not right)|(what|who) is (it|that)\W*$|meaning of (this|that|it))/;

const CLARIFICATION_PROVIDED =
  /\b(i meant|i mean\b|what i meant|i was (asking|talking|referring)|i'?m (asking|talking|referring) (about|to)|not .{1,40}, but|^no,? (i|it'?s|the|not|my)\b|i (said|asked for|wanted)|instead of|rather than|focus on|only (the|for|about|from|in)|from my side|specifically|to be (clear|specific|more specific)|let me (clarify|rephrase|be more specific|explain)|^actually\b|more specific|i don'?t want|without (the|any)|i (need|want) it|like .{1,40}'s\b)\b/;
const CLARIFICATION_PROVIDED_STRONG =
  /\b(i meant|what i meant|i was (asking|talking|referring)|to be (clear|more specific)|let me (clarify|rephrase|be more specific)|more specific)\b/;
const SHORT_CONSTRAINT_ONLY = /^\W*(in \d+(\s*-\s*\d+)? (sentences?|words|paragraphs?|lines|bullet points)|shorter|longer|simpler|more (formal|casual|professional|concise|detailed))\b/;
/** Added words that only restyle a repeated request (they do not clarify what was meant). */
const STYLE_WORDS = new Set('details detail detailed references reference sources source numbers examples example sentences sentence words paragraph paragraphs short shorter long longer simple simpler professional formal casual version new conversation comedic funny exhaustive table format list bullet points please'.split(' '));

const REGENERATION_CUE =
  /\b(\b(it|this|that|them|one|answer|response|list) again\b|\bagain\W*$|^again\b|another (one|version|option|try|way|answer)|try again|re-?do\b|regenerate|re-?write (it|this|that|them)|one more time|start over|(a |something )?(different|new|better) (one|version|answer|response)|(make|write|do) (it|this|that|them) (again|shorter|longer|more|less|small|smaller|simpler|better|as|in|into|sound)|make (it|them) \w+er\b|change (it|this|that|the|them|your)|can you change|modify (it|this|the|that|your)|(shorter|longer|simpler|more (formal|casual|professional|concise|detailed|polite|friendly|specific)) (please|version)|condense your|shorten (it|this|that|your)|(your|the) (previous|last|above) (response|answer|reply|text|version|one)|fix (it|this|that)|rephrase (it|that|this)|without the\b|remove the\b|another (\w+ )?(more|less) )/;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

export function detectFeedback(context: FeedbackContext): FeedbackTag[] {
  const { userTexts, index } = context;
  const raw = userTexts[index] ?? '';
  const text = normalizeTurnText(raw).trim();
  if (index === 0 || text.length === 0) return ['no_feedback'];
  const opening = text.slice(0, OPENING_CHARACTERS);
  const words = wordCount(text);
  const short = words <= SHORT_TURN_WORDS;
  const assistant = normalizeTurnText(context.previousAssistantText).trim();
  const tags = new Set<FeedbackTag>();

  if (POSITIVE_OPENING.test(opening) || (short && POSITIVE_ANYWHERE.test(text))) tags.add('explicit_positive');
  if (NEGATIVE.test(opening) || ANGRY_EMOTICON.test(text) || (PUSHBACK_OPENING.test(opening) && opening.includes('?'))) {
    tags.add('explicit_negative');
  }

  const continuation =
    CONTINUATION.test(opening) || (AFFIRMATION_ONLY.test(text) && ASSISTANT_OFFERS_MORE.test(assistant.slice(-200)));
  if (continuation && words <= 25) tags.add('continuation_request');

  if (CLARIFICATION_REQUEST.test(opening) && (short || opening.includes('?'))) tags.add('clarification_request');

  const repetition = repetitionOfTurn(context);
  const suppliesNewMaterial = /\bthe following\b|^[^:]{0,60}:\s/.test(opening) && text.length > 200;
  if (repetition || (REGENERATION_CUE.test(opening) && !suppliesNewMaterial) || (words <= 8 && SHORT_CONSTRAINT_ONLY.test(text))) {
    tags.add('regeneration_request');
  }
  if (repetition && words <= 40 && repetition.added.filter((word) => !STYLE_WORDS.has(word)).length >= 3) tags.add('provide_clarification');

  const refines = tags.has('regeneration_request') || tags.has('continuation_request') || short;
  const clarifies = CLARIFICATION_PROVIDED_STRONG.test(opening) || (CLARIFICATION_PROVIDED.test(opening) && refines);
  if (clarifies && !tags.has('clarification_request')) {
    tags.add('provide_clarification');
    // a short correction with no request of its own ("focus on the play within a play") asks for a redo
    if (short && !tags.has('continuation_request') && !/\b(i meant|i mean|what i meant)\b/.test(opening)) tags.add('regeneration_request');
  }
  if (continuation && words > 2 && !/^\W*(please )?((tell|give|show|suggest|list|write|send) (me )?)?(some |a few |\d+ )?more\W*$/.test(text)) {
    // "suggest more, i don't want famous places": more, with a new constraint
    if (/,|\b(like|but|without|not|only|i)\b/.test(text)) tags.add('provide_clarification');
  }

  if (tags.size === 0) return ['no_feedback'];
  return FEEDBACK_TAGS.filter((tag) => tags.has(tag));
}
