import type { Store } from '../db';
import type { Report } from './model';
import { classify, reportOf } from './report';
import { loadItems, type StoredItem } from './store/items';

// Issue 18, time to first report: while the workers estimate strengths, every other check is already decidable.
// This report is shown, never stored: the import still writes all or nothing once the estimates are in.

export interface FirstReport {
  /**
   * The report over this import and the vault's other sources, with every check but strength complete; weak passwords
   * are only those known so far (short ones, and strengths cached from earlier imports).
   */
  report: Report;
  /** Passwords of this import whose strength is still being estimated. */
  pendingStrengths: number;
}

export function firstReport(store: Store, sourceId: string, items: StoredItem[], now: number): FirstReport {
  const others = loadItems(store).filter((i) => i.sourceId !== sourceId);
  return {
    report: reportOf(classify(store, now, [...others, ...items])),
    pendingStrengths: items.filter((i) => i.hasPassword && i.strength === null).length,
  };
}
