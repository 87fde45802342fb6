// Requests → proposals: the deterministic mapping, the family rule, and the hand-off to the permission layer.
export { ACTION_FAMILY, sameFamily, type ActionFamily } from './family';
export { expandHome, planAction, type Plan, type PlanContext, type PlannedRequest } from './plan';
export { modelFill, submitPlanned, type Proposed } from './propose';
