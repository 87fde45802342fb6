import { describe, expect, it } from 'vitest';
import type { ReportT } from '../../../electron/ipc/contract';
import { bytesWords } from '../../lib/bytes';
import { modelLabel } from './ModelPicker';
import { suggestionsFrom } from './suggestions';

const finding = (kind: ReportT['findings'][number]['kind'], n: number): ReportT['findings'][number] => ({
  kind,
  severity: 'high',
  reason: 'r',
  items: Array.from({ length: n }, (_, i) => ({ id: `it_${kind}${i}xxxxxx`, title: `T${i}` })),
});

describe('suggested questions come from the vault report', () => {
  it('asks about two kinds the vault has (worst first), then a general question', () => {
    const report: ReportT = { counts: { items: 9, logins: 9 }, score: 40, findings: [finding('reused', 2), finding('weak', 1), finding('old', 0), finding('exposed', 3)], excluded: [] };
    expect(suggestionsFrom(report)).toEqual(['What should I fix first?', 'Which of my passwords are reused?', 'Which passwords are weak?', 'How do I spot a phishing email?']);
  });
  it('never asks about a vault that has no findings, or none at all', () => {
    expect(suggestionsFrom({ counts: { items: 3, logins: 3 }, score: 100, findings: [], excluded: [] })).toEqual(['How do I spot a phishing email?', 'What makes a strong password?']);
    expect(suggestionsFrom(null)).toEqual(['How do I spot a phishing email?', 'What makes a strong password?']);
  });
});

describe('model picker words', () => {
  it('says size and kind', () => {
    expect(bytesWords(820)).toBe('820 bytes');
    expect(bytesWords(98_362_432)).toBe('94 MB');
    expect(bytesWords(1_288_490_189)).toBe('1.2 GB');
    expect(bytesWords(null)).toBe('size unknown');
    const m = { name: 'smol', title: 'SmolLM2 135M Instruct', installed: true, active: true, sizeBytes: 98_362_432, license: null, tier: null };
    expect(modelLabel({ ...m, kind: 'instruct' })).toBe('SmolLM2 135M Instruct — 94 MB · instruct: writes answers');
    expect(modelLabel({ ...m, kind: 'base' })).toBe('SmolLM2 135M Instruct — 94 MB · base: short intros only');
    expect(modelLabel({ ...m, kind: null })).toBe('SmolLM2 135M Instruct — 94 MB · kind not checked');
  });
});
