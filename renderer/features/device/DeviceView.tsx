import { useEffect } from 'react';
import { useApp } from '../../store/app';
import { ScoreGauge } from '../health/ScoreGauge';
import { CheckCard } from './CheckCard';

const ORDER = { fail: 0, unknown: 1, pass: 2 } as const;

/** Device health: each check's status, what was read, why it matters, the fix, and the fix action (confirmed first). */
export function DeviceView() {
  const device = useApp((s) => s.device);
  const error = useApp((s) => s.deviceError);
  useEffect(() => {
    void useApp.getState().refreshDevice();
    // A fix that ran changes what the checks read: read them again.
    const again = (e: Event) => (e as CustomEvent<{ status: string }>).detail.status === 'executed' && void useApp.getState().refreshDevice();
    window.addEventListener('bastion:proposal-decided', again);
    window.addEventListener('bastion:proposal-created', again);
    return () => {
      window.removeEventListener('bastion:proposal-decided', again);
      window.removeEventListener('bastion:proposal-created', again);
    };
  }, []);
  const checks = device ? [...device.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status] || Number(Boolean(b.required)) - Number(Boolean(a.required))) : [];
  const failing = checks.filter((c) => c.status === 'fail').length;
  return (
    <section aria-labelledby="device-title" className="device">
      <div className="page-head">
        <h1 id="device-title" tabIndex={-1}>
          Device health
        </h1>
        <button type="button" onClick={() => void useApp.getState().refreshDevice()}>
          Check again
        </button>
      </div>
      <p className="hint">Is this computer safe to keep your passwords on? Every check runs here and reads only what it names; nothing is sent anywhere.</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!device && !error && <p role="status">Checking this computer…</p>}
      {device && (
        <>
          <div className="scores" role="group" aria-label="Scores">
            <ScoreGauge score={device.score} label="Device" testId="device-score" />
            <p>
              {failing === 0 ? 'No check failed.' : `${failing} of ${checks.length} checks need attention.`}
              {device.unknown > 0 && ` ${device.unknown} could not be read without administrator rights and are left out of the score.`}
              {device.unmet.length > 0 && <strong> {device.unmet.length === 1 ? 'One check your organisation requires does not pass.' : `${device.unmet.length} checks your organisation requires do not pass.`}</strong>}
            </p>
          </div>
          <ul className="checks" aria-label="Checks">
            {checks.map((c) => (
              <CheckCard key={c.id} check={c} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
