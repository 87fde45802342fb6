// The scores people read at a glance: vault, device, and both together.

/** The vault's and the device's scores together (equal weight); either alone when the other is unknown. */
export function combinedScore(vault: number | null, device: number | null): number | null {
  if (vault === null) return device;
  if (device === null) return vault;
  return Math.round((vault + device) / 2);
}

export type ScoreBand = 'good' | 'fair' | 'poor';

export function bandOf(score: number): ScoreBand {
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

export const BAND_WORDS: Record<ScoreBand, string> = { good: 'Good', fair: 'Needs attention', poor: 'At risk' };
