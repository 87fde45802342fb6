import type { HealthItemT, PlanEntryT } from '../../../electron/ipc/contract';
import { FIXED_BY_NEW_PASSWORD } from './words';

type Step = PlanEntryT['step'];

/** The steps for the item's open findings beyond a password change (address, two-factor, duplicate), by source. */
export function nextStepKinds(row: HealthItemT, writable: boolean): { passwordChange: boolean; other: Step[] } {
  const open = row.findings.filter((f) => f.state === 'open').map((f) => f.kind);
  const other: Step[] = [];
  if (open.includes('insecure_url')) other.push('fix_url');
  if (open.includes('missing_2fa')) other.push('add_two_factor');
  if (open.includes('duplicate')) other.push(writable ? 'recycle_duplicate' : 'remove_duplicate');
  return { passwordChange: open.some((k) => FIXED_BY_NEW_PASSWORD.includes(k)), other };
}
