import { readFileSync } from 'node:fs';

/**
 * This process's peak RSS in MB. On Linux from VmHWM (the peak of this process image): getrusage's maxrss survives
 * exec, so a child the bench spawns would report the bench's own, larger, peak.
 */
export function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Math.round((Number(kb) / 1024) * 10) / 10;
  } catch {
    // not Linux
  }
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

export interface MemoryStage {
  stage: string;
  rssMb: number;
  heapMb: number;
  externalMb: number;
}

/** Memory after each named step of a child's run: `mark('store opened')`, then `stages` in its JSON. */
export function memoryStages(): { stages: MemoryStage[]; mark(stage: string): void } {
  const mb = (x: number) => Math.round((x / 2 ** 20) * 10) / 10;
  const stages: MemoryStage[] = [];
  return {
    stages,
    mark(stage) {
      const m = process.memoryUsage();
      stages.push({ stage, rssMb: mb(m.rss), heapMb: mb(m.heapUsed), externalMb: mb(m.external) });
    },
  };
}
