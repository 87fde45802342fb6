// The zxcvbn-ts modules Bastion loads by name (in workers and when building the index), so every loader asks for the
// same files.

export type ZxcvbnModuleName =
  | 'core'
  | 'common'
  | 'en'
  | 'getCleanPasswords'
  | 'dictionaryScoring'
  | 'dictionaryFeedback'
  | 'wordSequence'
  | 'wordSequenceScoring'
  | 'wordSequenceFeedback'
  | 'estimate'
  | 'scoringUtils'
  | 'scoringConst';

export const ZXCVBN_MODULES: Record<ZxcvbnModuleName, string> = {
  core: '@zxcvbn-ts/core',
  common: '@zxcvbn-ts/language-common',
  en: '@zxcvbn-ts/language-en',
  getCleanPasswords: '@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords.cjs',
  dictionaryScoring: '@zxcvbn-ts/core/dist/matcher/dictionary/scoring.cjs',
  dictionaryFeedback: '@zxcvbn-ts/core/dist/matcher/dictionary/feedback.cjs',
  wordSequence: '@zxcvbn-ts/core/dist/matcher/wordSequence/matching.cjs',
  wordSequenceScoring: '@zxcvbn-ts/core/dist/matcher/wordSequence/scoring.cjs',
  wordSequenceFeedback: '@zxcvbn-ts/core/dist/matcher/wordSequence/feedback.cjs',
  estimate: '@zxcvbn-ts/core/dist/scoring/estimate.cjs',
  scoringUtils: '@zxcvbn-ts/core/dist/scoring/utils.cjs',
  scoringConst: '@zxcvbn-ts/core/dist/data/const.cjs',
};
