import type { DeviceReportT } from '../../store/app';
import { useApp } from '../../store/app';

type Check = DeviceReportT['checks'][number];
type Action = Check['actions'][number];

const STATUS_WORDS: Record<Check['status'], string> = { pass: 'Passes', fail: 'Needs attention', unknown: 'Could not tell' };
const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** One check: status, evidence, why, the fix in words and the fix as a button (through the permission layer). */
export function CheckCard({ check: c }: { check: Check }) {
  return (
    <li className={`card check status-${c.status}`} data-check={c.id} aria-labelledby={`check-${c.id}`}>
      <header>
        <h2 id={`check-${c.id}`} className="small-h">
          {c.title}
        </h2>
        <span className={`badge status-${c.status}`}>{STATUS_WORDS[c.status]}</span>
        {c.required && <span className="badge warn">Required by your organisation</span>}
      </header>
      <p>{c.reason}</p>
      {c.evidence.length > 0 && (
        <details>
          <summary>What Bastion read</summary>
          <ul className="small evidence">
            {c.evidence.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </details>
      )}
      {c.status !== 'pass' && c.fix && (
        <p>
          <strong>How to fix:</strong> {c.fix}
        </p>
      )}
      {c.status !== 'pass' && c.actions.length > 0 && (
        <div className="fixes" role="group" aria-label={`Fixes for ${c.title}`}>
          {c.actions.map((a, i) => (
            <ActionButtons key={i} a={a} />
          ))}
        </div>
      )}
    </li>
  );
}

function ActionButtons({ a }: { a: Action }) {
  const { propose } = useApp.getState();
  switch (a.action) {
    case 'fix_file_permissions':
      return (
        <button type="button" onClick={() => void propose({ action: 'fix_file_permissions', args: { path: a.path } })}>
          Make {fileName(a.path)} private
        </button>
      );
    case 'delete_plaintext_export':
      return (
        <>
          <button type="button" onClick={() => void propose({ action: 'delete_plaintext_export', args: { path: a.path, mode: 'trash' } })}>
            Move {fileName(a.path)} to the trash
          </button>
          <button type="button" className="danger" onClick={() => void propose({ action: 'delete_plaintext_export', args: { path: a.path, mode: 'overwrite' } })}>
            Overwrite and delete {fileName(a.path)}
          </button>
        </>
      );
    case 'open_settings_page':
      return (
        <button type="button" onClick={() => void propose({ action: 'open_settings_page', args: { checkId: a.checkId } })}>
          Open the settings
        </button>
      );
    default:
      a satisfies never;
      return null;
  }
}
