import type { FindingKindT } from '../../../electron/ipc/contract';

export const KINDS: FindingKindT[] = ['exposed', 'reused', 'weak', 'insecure_url', 'missing_2fa', 'duplicate', 'old'];
export const KIND_LABEL: Record<FindingKindT, string> = {
  exposed: 'Exposed in a breach',
  reused: 'Reused password',
  weak: 'Weak password',
  insecure_url: 'Insecure URL',
  missing_2fa: '2FA available, not set up',
  duplicate: 'Duplicate entry',
  old: 'Old password',
};
