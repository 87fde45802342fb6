import { buildReport, clearFindingState, getItemRef, markResolved, snoozeFinding } from '../vault';
import type { VaultAccess } from './ports';

/** The real vault engine behind the VaultAccess port (tests may pass a fake instead). */
export const vaultAccess: VaultAccess = {
  getItemRef,
  buildReport: (store) => buildReport(store),
  snoozeFinding,
  markResolved,
  clearFindingState: (store, kind, itemIds) => {
    clearFindingState(store, kind, itemIds);
  },
};
