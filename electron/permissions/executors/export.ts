import { writeFileAtomic } from '../../db';
import { BastionError } from '../../core';
import type { ReportShape } from '../ports';

// Findings report export: CSV / HTML / JSON. Only what the report holds (titles, kinds, reasons) — never secrets.
// CSV cells that a spreadsheet would treat as a formula are neutralised (OWASP CSV injection guidance).

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvCell(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(v) || v !== value ? `"${v.replace(/"/g, '""')}"` : v;
}

export function reportToCsv(report: ReportShape): string {
  const lines = [['kind', 'severity', 'item_id', 'item_title', 'reason'].join(',')];
  for (const f of report.findings) {
    for (const item of f.items) lines.push([f.kind, f.severity, item.id, item.title, f.reason].map(neutraliseCsvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function reportToHtml(report: ReportShape, generatedAt: Date): string {
  const rows = report.findings
    .flatMap((f) => f.items.map((i) => `<tr><td>${esc(f.kind)}</td><td>${esc(f.severity)}</td><td>${esc(i.title)}</td><td>${esc(f.reason)}</td></tr>`))
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Bastion findings report</title><style>body{font-family:sans-serif}td,th{border:1px solid #ccc;padding:4px 8px}table{border-collapse:collapse}</style></head>
<body><h1>Bastion findings report</h1>
<p>Generated ${esc(generatedAt.toISOString())}. Items: ${report.counts.items}, logins: ${report.counts.logins}, score: ${report.score}.</p>
<table><thead><tr><th>Kind</th><th>Severity</th><th>Item</th><th>Why</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}

export function renderReport(report: ReportShape, format: 'csv' | 'html' | 'json', now: Date): string {
  switch (format) {
    case 'csv':
      return reportToCsv(report);
    case 'html':
      return reportToHtml(report, now);
    case 'json':
      return `${JSON.stringify({ generatedAt: now.toISOString(), counts: report.counts, score: report.score, findings: report.findings }, null, 2)}\n`;
    default:
      format satisfies never;
      throw new BastionError('BAD_INPUT', `Unknown report format ${String(format)}.`);
  }
}

/** Temp file in the same folder, fsync, rename over the target. */
export function writeFileAtomically(path: string, content: string | Uint8Array): void {
  writeFileAtomic(path, [content]);
}
