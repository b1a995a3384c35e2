import { INTENT_TAGS, type IntentTag } from './intent-tags.js';
import { normalizeTurnText, splitIntoSentences } from './normalize-turn-text.js';

/**
 * Rule-based intent tagger (backend "rules"). Written from the tag definitions in dimensions/intent/README.md, not
 * from the labelled turns: each rule is a cue phrase a guide definition names or implies.
 *
 * Steps: (1) keep the user's own instruction, not pasted material (the text before "...:" + pasted
 * block, or the first and last sentences of a long paste); (2) split it into sentences; (3) tag each
 * sentence that is a request; (4) the turn's tags are the union. A turn with no request gets [].
 * A bare "continue"/"more"/"yes" turn repeats the previous turn's intent (it asks for more of it).
 */

const PASTE_THRESHOLD_CHARACTERS = 400;

/** The part of the turn that states what the user wants (not the material they paste). */
export function instructionText(normalized: string): string {
  const colon = /:\s/.exec(normalized);
  if (colon && colon.index < 200 && normalized.length - colon.index > 60) {
    const head = normalized.slice(0, colon.index);
    const tail = splitIntoSentences(normalized.slice(colon.index + 1));
    const last = tail[tail.length - 1];
    // an instruction written after the pasted block ("... i need a paragraph about this")
    const closing = last && tail.length > 1 && /\?$|^(please|now|i need|i want|can you|could you|make|write|give)\b/.test(last.text) ? ` . ${last.text}` : '';
    return head + closing;
  }
  const firstBreak = /\n|\?\s/.exec(normalized);
  if (firstBreak && firstBreak.index < 300 && normalized.length - firstBreak.index > 80) {
    const head = normalized.slice(0, firstBreak.index + 1);
    const rest = normalized.slice(firstBreak.index + 1);
    // a request line followed by a pasted block with no further question
    if (!rest.includes('?') && REQUEST_MARKERS.test(head.trim())) {
      const restSentences = splitIntoSentences(rest);
      const last = restSentences[restSentences.length - 1];
      const closing = last && /^(please|now|i need|i want|can you|could you|make|write|give)\b/.test(last.text) ? ` \n${last.text}` : '';
      return head + closing;
    }
  }
  if (normalized.length <= PASTE_THRESHOLD_CHARACTERS) return normalized;
  const sentences = splitIntoSentences(normalized);
  if (sentences.length <= 5) return normalized.slice(0, PASTE_THRESHOLD_CHARACTERS);
  return [...sentences.slice(0, 3), ...sentences.slice(-2)].map((sentence) => sentence.text).join(' \n');
}

const MORE_NOUN = /^([a-z]+,? )?(some |a few )?more( [a-z]+)?( please| pls)?\W*$/;
const MORE_LIKE = /^((some|a few|\d+|give me|tell me|show me|suggest|list|write) )*more (like|similar|of)\b/;
const CONTINUE_ONLY = /^(please )?(continue|go on|keep going|carry on|proceed|next|finish( it| the list)?)\b(\W*$| (from|with|the|your|writing|where))/;
const AGAIN_ONLY = /^((please|ok|okay|try|do it|one more time|once more|regenerate|redo)\W*)*(again|once more|one more time|regenerate|redo)\W*$/;
const MORE_ONLY = /^((yes|yeah|yep|ok|okay|sure)\W*)+$|^(please )?((tell|give|show|suggest|list|write) (me )?)?(some |a few |\d+ )?more( please| ones| options| ideas| examples)?\W*$/;

const PERSONA = /\b(act as|acting as|act like|you are (a|an|now|my)\b|pretend (to be|you)|role-?play|from now on|i want you to act|play the role|you will (act|be|play))/;
const SYSTEM_CONSTRAINT = new RegExp(
  [
    String.raw`\bin (\d+|one|two|three|four|five|a few|a single|\d+\s*-\s*\d+) (words?|sentences?|paragraphs?|lines?|bullet points?|points)\b`,
    String.raw`\b(\d+|ten|fifteen|twenty|fifty|hundred) words or (less|fewer)\b`,
    String.raw`\b(limit|limiting) (it|the reply|your (reply|answer|response))`,
    String.raw`\bkeep (it|your (reply|answer|response)) (short|brief|simple|neat|under|pg|clean|concise|professional|formal)`,
    String.raw`\b(in|as) a table\b|\btable format\b|\bin (bullet|point) (points|form)\b|\bas bullet points\b`,
    String.raw`\b(in|with) a (\w+ )?(tone|style)\b|\b(satirical|formal|casual|friendly|funny|humorous|professional) tone\b`,
    String.raw`\b(with|in) (more )?(details?|detail|depth|numbers|references|sources|citations)\b|\bmore detailed?\b`,
    String.raw`\bexplain (it )?like i'?m\b|\beli5\b|\bin simple (terms|words|language)\b|\bsimple concept\b`,
    String.raw`\bstep by step\b|\bbe (brief|concise|specific)\b|\bexhaustive\b|\bpg-13\b`,
    String.raw`\b(answer|respond|reply|write) (only )?(in|with) (english|french|spanish|german|arabic|chinese|json|markdown)\b`,
    String.raw`\bnew conversation\b|\bask me\b|\blet'?s (start|play|practice|begin)\b`,
    String.raw`\bi want you to\b|\bdon'?t (mention|include|use|repeat|apologi[sz]e|explain)\b`,
  ].join('|'),
);
/** Questions about the assistant itself: abilities, identity, state. */
const SYSTEM_PROBE = /^(can|could) you (help|browse|access|see|remember|read|speak|understand|hear|do|search|open|generate images|draw)\b|^(do|did) you (know what|know where|have (access|internet|a name|feelings|memory)|remember|understand me)\b|^are you (a|an|able|capable|there|real|sure|alive|human|chatgpt|gpt)\b|^(who|what) are you\b|^wh?ere are you\b|\bwh?ere (are|do) you (liv|from|located)|^what('?s| is) your (name|purpose|model|knowledge|version)\b|^how old are you\b|^(hi|hello|hey)( there)?\W*$/;

const MODIFICATION =
  /\b(rewrite|re-write|rephrase|paraphrase|reword|edit|proofread|proof-read|revise|improve|polish|tailor|shorten|condense|compress|simplify|translate|reformat|restructure|restyle|modify|adjust|correct (this|my|the|it|these)|fix (this|my|the|it)|change (it|this|that|the|my)|make (it|this|that|them|these) |turn (this|it|that) into|connect .{0,40} into one|combine (these|both|them|the)|merge|add (a|an|another) (column|row|section|paragraph|line|sentence|chapter|verse|chorus|bridge|conclusion|intro)|(shorter|longer|simpler|funnier|better|different) (ones|version|one)\b)\b/;
const GENERATION =
  /\b(write|generate|create|compose|draft|come up with|brainstorm|invent|design|produce|describe|write me|make (me )?(a|an|some)|give me (a |an |some |\d+ )?([a-z]+ )?(names?|ideas|titles?|schedule|program|routine|workout|slogans?|taglines?|examples? of (a )?conversation|story|poem|outline|plan|itinerary)|(need|want) to (send|write|reply|respond)\b.{0,80}\b(email|letter|message|reply|response|note)|(give me|write) (a |an )?(response|reply)|(need|want) (a |an |some )?(new )?(brand |business |company |product )?(names?|slogans?|logos?)|names? for (a|an|my|the|our)|(brand|business|company|product|band|team) names?|complete the|extend|add to (this|the|it)|continue (the|this|writing|the story))\b/;
const ADD_TO_EXISTING = /\b(add (this |these |that )?(to|into) (this|the|it|that|my)|extend (this|it|the|my)|rewrite and extend|expand (on )?(this|it|the|my))\b/;
const DISTILLATION =
  /\b(summari[sz]e|summary|sum up|tl;?dr|key (points|takeaways|ideas|words)|keywords|main (points|ideas)|short notes|notes on|condense|compress|pros and cons|bullet(ed)? (points|list)|outline of|extract the|list (the )?(top )?\d+ .{0,80}(following|based on|below|above|from (this|the) (text|article)))/;
const ANALYSIS =
  /\b(analy[sz]e|evaluate|evaluation|assess|compare|comparison|difference between|differences between|versus|vs\.?|^should (i|we)\b|is it (good|bad|better|worth|wise|safe|okay|ok|normal|healthy|a good idea|not)|is (this|that) (good|ok|okay|correct|right|enough|a good)|is it better|which (one )?(is|are) (the )?(best|better)|which\s+\w+(\s+\w+){0,5}\s+is\s+(the\s+)?(best|better)|predict|forecast|what if|justify|judge|interpret|critique|feedback on|any (issues?|problems?|mistakes?)|(find|spot) (any )?(issues?|problems?|mistakes?)|does it (satisfy|fit|match|meet)|strengths?|weakness(es)?|advantages|disadvantages|impact of|effects? of|will (it|this|they|\w+s) work|would (it|this) work|assign (a|an)|rate (this|my|it)|do you (think|agree|believe)|would you agree|(isn'?t|aren'?t|wasn'?t|doesn'?t) (this|that|it)|conflict of interest|(better|worse) (than|or)|\bor .{1,30}\bbetter\b|how (good|bad|useful|effective|likely) (is|are|would))\b/;
const METHOD =
  /(^|\. |\b(and|so) )(how (to|can i|do i|should i|could i|can we|do we|should we|would i|can someone|can one|can you|do you) )|\b(steps (to|for)|what (should|can|could) (i|we) do|what to do|best (way|method|approach|practice|plan|methods|strategy|strategies|financial plan)s? (to|for)|tips (for|on|to)|guide me|is it feasible|feasibility|how (would|do) you (recommend|suggest)|troubleshoot|what'?s wrong with my|why (isn'?t|doesn'?t|won'?t|can'?t) my)\b/;
const UNDERSTANDING =
  /(^|\b(and|but|so|then) )(why\b|how (does|do|did|is|are|was|were|come|exactly|might|would|could|can)\b(?! (you|i|we|someone|one)\b)|what (makes|causes|happens|is the (reason|cause|purpose)))|\b(explain|explanation|\bcould\b.{0,60}\bbe (related|caused|due)|\bcan\b.{0,60}\b(cause|be caused)|what does .{0,60} mean|what do you mean|meaning of|examples? of|give (me )?(an |some )?examples?|how .{0,30} works?\b|is there a (link|relationship|connection|lower risk|higher risk))/;
const DISCOVERY =
  /\b(recommend|recommendations?|suggest (me |some |a |an |any )|suggestions?|suggest more|recent|latest|news|new developments|updates? on|similar to|alternatives?|where can i (find|get|buy|learn|watch|read)|(what|which|any) (startups|companies|tools|apps|websites|resources|books|places|movies|songs|games|products|brands|courses)|(good|best|popular|top) (tools|books|resources|apps|places|websites|movies|songs|options)|list of [\w ]{0,40} who|which .{0,60}\b(best|recommended)\b|most promising|emerging|trends?|(what|which|any) (\w+ ){1,2}(startups|companies|tools|apps|websites|resources|books|places|products|brands)|opinions?|viewpoints?|what do you know about|are there any|do you know any|places? to)\b/;
const RETRIEVAL_QUESTION =
  /^(what|what's|whats|who|whom|whose|when|where|which|how (many|much|long|old|often|far|big|tall|fast|large))\b|^(is|are|was|were|does|do|did|has|have|had|can|could|will|would)\b.*\?\s*$|^(list|name|define|tell me about|give me (a list|\d+|the|some)|show me|find|search|look up|i need (quotes|information|info|data|facts|a list|the)|i want to know)\b|\b(synonyms?|antonyms?|definition|quotes? (about|on|from)|do you know (the|about|who|what|when|where)|have you heard)\b/;

const REQUEST_MARKERS =
  /\?|^(please|pls|plz|can|could|would|will|may|do|does|did|is|are|was|were|what|what's|whats|who|when|where|which|why|how|list|name|tell|give|show|explain|describe|write|make|create|generate|help|find|suggest|recommend|compare|analy[sz]e|summari[sz]e|translate|rewrite|edit|i need|i want|i'd like|i would like|need|let's|let me|continue|add|use|provide|define|act|pretend|assume|imagine|improve|fix|correct|change|convert|check|calculate|solve|draft|compose|design|plan|prepare|put|include|focus|try)\b/;

/** A first-person or descriptive statement with no question and no request phrase asks for nothing. */
const STATEMENT_START = /^(i|i'm|im|i've|i'd|i'll|we|we're|we've|my|our|it|it's|its|this|that|there|he|she|they)\b|^(the|a|an)( \S+){8,}/;
const REQUEST_PHRASE =
  /\b(please|pls|can you|could you|would you|will you|i need (a|an|some|the|you|to know|help|quotes|information|info|ideas|advice)|i want (a|an|some|the|you|to know)|i'?d like|i would like|help me|let me know|tell me|give me|show me|need to (send|write|reply|respond|answer|make|create|prepare))\b/;
const WH_ANYWHERE = /\b(what|which|who|whom|when|where|how (many|much|long|old))\b/;
const BARE_QUERY_REJECT = /^(ok|okay|thanks|thank you|yes|no|great|good|nice|cool|hmm+|lol|wow|sure|right|fine)\b|^\W*$/;
const METHOD_START = /^(and |so |but )?(how (to|can i|do i|should i|could i|can we|do we|should we|would i|can someone|can one)|what (should|can|could) (i|we) do|steps (to|for))\b/;
const WHY_START = /^(and |but |so |then )?why\b/;
const YES_NO_START = /^(is|are|was|were|does|do|did|can|could|will|would|has|have)\b/;

function looksLikeBareQuery(sentence: string): boolean {
  const words = sentence.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0 || words.length > 10) return false;
  if (/\b(i|i'm|i've|my|me|we|our)\b/.test(sentence)) return false;
  if (BARE_QUERY_REJECT.test(sentence)) return false;
  return /[a-z]{3,}/.test(sentence);
}

/**
 * Tags for one sentence of the instruction; [] when it asks nothing. `onlySentence` says whether the
 * instruction is this one sentence (a bare keyword query like "modernism in literature" is recognised
 * only then).
 */
export function sentenceIntents(sentence: string, onlySentence = true): IntentTag[] {
  const tags = new Set<IntentTag>();
  const question = sentence.includes('?');
  if (STATEMENT_START.test(sentence) && !question && !REQUEST_PHRASE.test(sentence) && !PERSONA.test(sentence)) return [];

  const persona = PERSONA.test(sentence);
  const systemCue = persona || SYSTEM_CONSTRAINT.test(sentence) || SYSTEM_PROBE.test(sentence);
  if (systemCue) tags.add('system_management');

  const methodStart = METHOD_START.test(sentence);
  const whyStart = WHY_START.test(sentence);
  if (!methodStart && !whyStart) {
    const modification = MODIFICATION.test(sentence);
    if (modification) tags.add('content_modification');
    if (GENERATION.test(sentence) && !(modification && !/\b(write|generate|create|compose|draft|extend|add to)\b/.test(sentence))) {
      tags.add('content_generation');
    }
    if (ADD_TO_EXISTING.test(sentence)) {
      tags.add('content_generation');
      tags.add('content_modification');
    }
    if (DISTILLATION.test(sentence)) tags.add('info_distillation');
  }
  const content = tags.has('content_generation') || tags.has('content_modification');
  if (!content) {
    if (methodStart || METHOD.test(sentence)) tags.add('method_guidance');
    else if (whyStart) tags.add('info_understanding');
    else {
      if (ANALYSIS.test(sentence)) tags.add('info_analysis');
      if (UNDERSTANDING.test(sentence)) tags.add('info_understanding');
      if (DISCOVERY.test(sentence)) tags.add('info_discovery');
    }
    const informational = ['method_guidance', 'info_analysis', 'info_understanding', 'info_discovery', 'info_distillation'].some((tag) =>
      tags.has(tag as IntentTag),
    );
    const probeOnly = tags.has('system_management') && SYSTEM_PROBE.test(sentence);
    if (!probeOnly) {
      if (!informational) {
        const asks =
          RETRIEVAL_QUESTION.test(sentence) ||
          question ||
          WH_ANYWHERE.test(sentence) ||
          /\b(give|tell|show) me\b|\blist (all|of|the)\b/.test(sentence) ||
          (onlySentence && !systemCue && looksLikeBareQuery(sentence));
        if (asks) tags.add('info_retrieval');
      } else if (tags.has('info_understanding') && !whyStart && question && (YES_NO_START.test(sentence) || /^(what|which|who|when|where)\b/.test(sentence))) {
        // "is it possible that x can cause y?", "what does x mean?": a fact asked about a cause or meaning
        tags.add('info_retrieval');
      }
    }
  }
  return INTENT_TAGS.filter((tag) => tags.has(tag));
}

/**
 * Intent tags of one user turn. `previousIntents` (the previous user turn's tags) is used only when the
 * turn just asks for more of the same ("yes", "more", "suggest more"); `previousAssistantText` only to
 * recognise a short answer to the chatbot's own question ("the uk" after "where are you?"), which asks
 * for nothing.
 */
export function detectIntents(text: string, previousIntents: readonly string[] = [], previousAssistantText = ''): IntentTag[] {
  const normalized = normalizeTurnText(text).trim();
  if (normalized.length === 0) return [];
  if (CONTINUE_ONLY.test(normalized)) return ['content_generation'];
  if (MORE_ONLY.test(normalized) || MORE_LIKE.test(normalized) || MORE_NOUN.test(normalized) || AGAIN_ONLY.test(normalized)) {
    const inherited = INTENT_TAGS.filter((tag) => previousIntents.includes(tag) && tag !== 'system_management');
    if (inherited.length > 0) return inherited;
    return /more/.test(normalized) ? ['content_generation'] : [];
  }
  if (answersAssistantQuestion(normalized, previousAssistantText)) return [];
  const instruction = instructionText(normalized);
  const tags = new Set<IntentTag>();
  const sentences = splitIntoSentences(instruction);
  const personaTurn = sentences.length > 0 && PERSONA.test(sentences[0]!.text);
  sentences.forEach((sentence, index) => {
    if (personaTurn && index > 0 && /\b(you|your)\b/.test(sentence.text)) {
      tags.add('system_management');
      return;
    }
    for (const tag of sentenceIntents(sentence.text, sentences.length === 1)) tags.add(tag);
  });
  // a bare style constraint after an answer ("in 3 sentences please") asks to redo that answer
  if (tags.size === 1 && tags.has('system_management') && previousAssistantText.trim().length > 0 && !personaTurn && SYSTEM_CONSTRAINT.test(instruction) && !SYSTEM_PROBE.test(instruction)) {
    tags.add('content_modification');
  }
  return INTENT_TAGS.filter((tag) => tags.has(tag));
}

const GENERIC_ASSISTANT_QUESTION = /anything else|any other (questions?|help)|help you with|can i (help|assist)|how may i|further (questions|assistance)/;

function answersAssistantQuestion(normalizedTurn: string, previousAssistantText: string): boolean {
  const assistant = normalizeTurnText(previousAssistantText).trim();
  if (!assistant.endsWith('?')) return false;
  const sentences = splitIntoSentences(assistant);
  const lastQuestion = sentences[sentences.length - 1]?.text ?? '';
  if (GENERIC_ASSISTANT_QUESTION.test(lastQuestion)) return false;
  const words = normalizedTurn.split(/\s+/).filter((word) => word.length > 0);
  return words.length <= 4 && !normalizedTurn.includes('?') && !REQUEST_MARKERS.test(normalizedTurn);
}
