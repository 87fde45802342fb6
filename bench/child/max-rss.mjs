// Preloaded (`node --import`) into a process the bench starts: writes its peak RSS (KiB, worker threads included) to
// $BENCH_RSS_FILE when it exits, however it exits. VmHWM on Linux: getrusage's maxrss survives exec, so it would be
// the bench's own peak whenever that is larger.
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (!process.env.BENCH_RSS_FILE) return;
  let kb = process.resourceUsage().maxRSS;
  try {
    kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? kb);
  } catch {
    // not Linux
  }
  writeFileSync(process.env.BENCH_RSS_FILE, String(kb));
});
