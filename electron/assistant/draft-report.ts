import type { GenerationRoute } from '../../native';

// What happened to each model draft of a turn: kept apart from draft.ts so the turn's types and the drafting code do
// not import each other.

export type DraftRoute = Exclude<GenerationRoute, 'proposal'>;

/** What happened to one model draft; `ask` turns these into the answer's fallback, and the eval into its metrics. */
export interface DraftReport {
  route: DraftRoute;
  /** used: shown; rejected: failed the gate (or looped); skipped: the model may not write this, or it did not fit;
   *  stopped: the user stopped generation. */
  status: 'used' | 'rejected' | 'skipped' | 'stopped';
  reasons: string[];
  /** The model text shown, when used. */
  text?: string;
}
