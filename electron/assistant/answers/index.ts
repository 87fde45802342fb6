// Answer builders, one per kind of answer; all facts come from the engines, never from a model.
export { explain, type Explanation } from './explain';
export { HELP, NO_SECRETS, REFUSAL, SMALL_TALK } from './fixed';
export { itemFacts, type ItemFacts } from './item';
export { cite, fixArticle, mergeByDoc, NOT_FOUND, quotedAnswer, type AskCitation, type Search } from './knowledge';
export { scopedFacts } from './scoped';
export { secretAnswer } from './secret';
export { citeCheck, deviceFacts, type DeviceFacts } from './device';
