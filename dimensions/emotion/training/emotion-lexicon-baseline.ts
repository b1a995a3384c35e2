import { featureTokens } from '../hashed-text-features.js';
import { emotionLabels, neutralLabel, type EmotionLabel } from '../emotion-labels.js';

/**
 * A small hand-written lexicon (a few dozen common words per Ekman class), used only as a baseline the
 * trained classifier must beat. Rule: count the sentence's tokens found in each class's list; the class
 * with most hits wins; no hits or a tie → neutral.
 */
const lexicon: Record<Exclude<EmotionLabel, 'neutral'>, string[]> = {
  anger: [
    'angry', 'anger', 'mad', 'furious', 'hate', 'hated', 'hates', 'annoyed', 'annoying', 'annoys', 'irritating',
    'irritated', 'rage', 'pissed', 'outraged', 'frustrated', 'frustrating', 'stupid', 'idiot', 'idiots', 'damn',
    'fuck', 'fucking', 'shut', 'ridiculous', 'wrong', 'worst', 'terrible', 'useless', 'dumb', 'moron', 'hell',
    'disagree', 'nonsense', 'bullshit', 'sick',
  ],
  disgust: [
    'disgusting', 'disgusted', 'disgust', 'gross', 'nasty', 'revolting', 'vile', 'yuck', 'ew', 'eww', 'repulsive',
    'sickening', 'creepy', 'pathetic', 'horrible', 'awful', 'filthy', 'shameful', 'despicable', 'trash', 'garbage',
    'vomit', 'puke', 'cringe', 'cringey', 'ugh',
  ],
  fear: [
    'afraid', 'scared', 'scary', 'fear', 'fears', 'terrified', 'terrifying', 'frightened', 'frightening', 'worried',
    'worry', 'worrying', 'anxious', 'anxiety', 'nervous', 'panic', 'panicking', 'dread', 'horror', 'horrifying',
    'creeped', 'spooky', 'danger', 'dangerous', 'nightmare', 'unsafe', 'alarming',
  ],
  joy: [
    'happy', 'glad', 'joy', 'love', 'loved', 'loves', 'lovely', 'great', 'awesome', 'amazing', 'wonderful',
    'fantastic', 'excellent', 'thanks', 'thank', 'grateful', 'excited', 'exciting', 'fun', 'funny', 'haha',
    'lol', 'lmao', 'enjoy', 'enjoyed', 'beautiful', 'proud', 'congrats', 'congratulations', 'hope', 'nice',
    'good', 'best', 'cool', 'yay', 'relieved', 'agree', 'cute', 'perfect',
  ],
  sadness: [
    'sad', 'sadly', 'unhappy', 'depressed', 'depressing', 'depression', 'cry', 'crying', 'cried', 'tears',
    'heartbroken', 'miss', 'missed', 'lonely', 'alone', 'sorry', 'grief', 'lost', 'loss', 'disappointed',
    'disappointing', 'regret', 'hurts', 'hurt', 'pain', 'painful', 'unfortunately', 'embarrassing',
    'embarrassed', 'ashamed', 'rip', 'died', 'death',
  ],
  surprise: [
    'surprised', 'surprise', 'surprising', 'wow', 'whoa', 'woah', 'omg', 'shocked', 'shocking', 'unexpected',
    'unbelievable', 'incredible', 'amazed', 'astonished', 'really', 'seriously', 'wait', 'what', 'huh', 'why',
    'how', 'curious', 'wonder', 'confused', 'confusing', 'realize', 'realized',
  ],
};

const classByWord = new Map<string, EmotionLabel>();
for (const [label, words] of Object.entries(lexicon) as Array<[EmotionLabel, string[]]>) {
  for (const word of words) classByWord.set(word, label);
}

export function lexiconEmotion(sentence: string): EmotionLabel {
  const hits = new Map<EmotionLabel, number>();
  for (const token of featureTokens(sentence)) {
    const label = classByWord.get(token);
    if (label) hits.set(label, (hits.get(label) ?? 0) + 1);
  }
  let best: EmotionLabel = neutralLabel;
  let bestHits = 0;
  let tied = false;
  for (const label of emotionLabels) {
    const count = hits.get(label) ?? 0;
    if (count > bestHits) {
      best = label;
      bestHits = count;
      tied = false;
    } else if (count === bestHits && count > 0) tied = true;
  }
  return tied ? neutralLabel : best;
}
