import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { PolicyStatus } from '../../../electron/ipc/contract';
import { call } from '../../lib/ipc';
import { useApp } from '../../store/app';

/**
 * Says, on every screen, when the organisation's policy file is invalid: Bastion then runs locked down (no downloads,
 * read-only actions, no history), and the user should know why before anything is refused.
 */
export function PolicyBanner() {
  const [status, setStatus] = useState<z.output<typeof PolicyStatus> | null>(null);
  useEffect(() => {
    call('policy:status', {}).then(setStatus, () => undefined);
  }, []);
  if (status?.state !== 'invalid') return null;
  return (
    <div className="flag policy-banner" role="alert" data-testid="policy-locked">
      <strong>Locked down by policy.</strong> {status.message}{' '}
      {(status.history?.length ?? 0) > 0 && (
        <button type="button" className="link" onClick={() => (useApp.getState().setFirstRun(false), useApp.getState().go('settings'))}>
          Policy history in Settings
        </button>
      )}
    </div>
  );
}
