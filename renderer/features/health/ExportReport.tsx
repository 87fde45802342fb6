import { useState } from 'react';
import { call, messageOf } from '../../lib/ipc';
import { useApp } from '../../store/app';

/** Export the findings report: pick the file with the save dialog, then confirm the write (a catalog action). */
export function ExportReport() {
  const [format, setFormat] = useState<'html' | 'csv' | 'json'>('html');
  const exportTo = async () => {
    const s = useApp.getState();
    try {
      const r = await call('dialog:save', { purpose: 'report', defaultName: `bastion-report.${format}` });
      if (r.path) await s.propose({ action: 'export_report', args: { format, path: r.path } });
    } catch (e) {
      s.say(messageOf(e));
    }
  };
  return (
    <div className="row export" role="group" aria-label="Export the findings report">
      <label htmlFor="export-format">Report format</label>
      <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
        <option value="html">HTML</option>
        <option value="csv">CSV</option>
        <option value="json">JSON</option>
      </select>
      <button type="button" onClick={() => void exportTo()}>
        Export report…
      </button>
    </div>
  );
}
