import { useEffect, useRef } from 'react';
import { useApp } from '../../store/app';

/** A password the user asked to generate: shown once, copied only through the permission layer (confirm dialog). */
export function GeneratedPanel() {
  const g = useApp((s) => s.generated);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [g?.id]);
  if (!g) return null;
  return (
    <section ref={ref} tabIndex={-1} className="generated panel" aria-labelledby="gen-title" data-testid="generated">
      <h2 id="gen-title">Generated password</h2>
      <p className="mono big-mono">{g.password}</p>
      <p className="muted small">Held in memory for ten minutes; never saved or logged.</p>
      <div className="buttons">
        <button type="button" onClick={() => void useApp.getState().propose({ action: 'copy_to_clipboard', args: { generatedId: g.id } })}>
          Copy to clipboard…
        </button>
        <button type="button" className="ghost" onClick={() => useApp.getState().setGenerated(null)}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
