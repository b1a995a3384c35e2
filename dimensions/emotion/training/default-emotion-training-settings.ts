import type { EmotionTrainingSettings } from './train-emotion-classifier-artifact.js';
import { defaultEmotionThreshold } from '../confidence-threshold.js';
import { communicativeActGoEmotions } from '../emotion-labels.js';

/** The settings the committed artifact was trained with (chosen on GoEmotions dev macro-F1; see README). */
export const defaultEmotionTrainingSettings: EmotionTrainingSettings = {
  seed: 20240607,
  bucketCount: 2 ** 17,
  epochs: 5,
  learningRate: 0.1,
  l2Penalty: 1e-6,
  classWeighting: 'inverse-frequency-sqrt',
  multiClassRows: 'duplicate',
  neutralisedGoEmotions: [...communicativeActGoEmotions],
  threshold: defaultEmotionThreshold,
};
