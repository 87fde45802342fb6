// Preloaded (`node --import`) into a process the bench starts: writes its peak RSS (KiB, worker threads included) to
// $BENCH_RSS_FILE when it exits, however it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
