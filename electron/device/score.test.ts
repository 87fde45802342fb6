import { describe, expect, it } from 'vitest';
import { result } from './check-info';
import { scoreChecks } from './score';
import type { CheckId, CheckStatus, DeviceSeverity } from './types';

const c = (id: CheckId, status: CheckStatus, severity?: DeviceSeverity) => result(id, { status, evidence: [], reason: '', ...(severity ? { severity } : {}) });

describe('scoreChecks', () => {
  it('weights pass and fail by severity and leaves unknown out, counting it', () => {
    // critical 4 pass + high 3 fail + medium 2 pass → 6 of 9.
    const s = scoreChecks([c('plaintext_exports', 'pass'), c('disk_encryption', 'fail'), c('firewall', 'pass'), c('screen_lock', 'unknown')]);
    expect(s).toEqual({ score: 67, unknown: 1 });
  });

  it('a fail of raised severity weighs more', () => {
    expect(scoreChecks([c('ssh_keys', 'fail', 'critical'), c('firewall', 'pass')]).score).toBe(33);
    expect(scoreChecks([c('ssh_keys', 'fail'), c('firewall', 'pass')]).score).toBe(40);
  });

  it('is null when nothing could be decided', () => {
    expect(scoreChecks([c('firewall', 'unknown'), c('screen_lock', 'unknown')])).toEqual({ score: null, unknown: 2 });
    expect(scoreChecks([])).toEqual({ score: null, unknown: 0 });
  });
});
