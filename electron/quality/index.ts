// The quality gate and context budgets: pure, model-independent checks on model drafts, and packing facts and
// sources to fit a model's window. The assistant wires them in; nothing here loads a model.
export { checkModelOutput, type GateFailure, type GateInput, type GateResult, type OutputKind, type QualityCheck } from './gate';
export { createLoopDetector, findRepetition, type LoopDetector } from './repetition';
export { findLeakage } from './leakage';
export { findFormatProblem } from './format';
export { findContradiction, type FactState } from './polarity';
export { citedNumbers, findBadCitations, findUngroundedNames, findUngroundedNumbers, findUnsupportedClaims, statedNames, statedNumbers, supportScore, type Source, type UnsupportedClaim } from './grounding';
export { packToBudget, tokenEstimate, type PackItem, type PackOptions, type Packed } from './budget';
