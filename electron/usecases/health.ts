import { cachedVaultHealth, listHealthHistory, readItemHealth, type HealthSnapshot, type ItemHealthDetail, type VaultHealth } from '../vault';
import type { UseCaseContext } from './context';

// Vault health as the dashboard shows it: every item with its findings (open, snoozed, resolved, excluded), the
// "Fix first" plan with next steps the item's source can take, and the score's trend over imports. Reads the vault;
// the only write is the kept view (vault_kept_views, derived from it).

export interface HealthOverview extends VaultHealth {
  /** Score and open-finding counts after each import, oldest first. */
  history: HealthSnapshot[];
}

export function overview(ctx: UseCaseContext): HealthOverview {
  const store = ctx.store();
  return { ...cachedVaultHealth(store, { now: ctx.now() }), history: listHealthHistory(store) };
}

/** One item's findings with their reasons and the items each is shared with; null for an unknown id. */
export function itemDetail(ctx: UseCaseContext, itemId: string): ItemHealthDetail | null {
  return readItemHealth(ctx.store(), itemId, { now: ctx.now() });
}
