// Timing helpers for the benchmark: run a measured function several rounds and keep the median.
// Rounds are timed in CPU time of this process (process.cpuUsage), not wall time: the machine is
// shared, and wall time would count the moments another job holds the core. Cache pollution by
// neighbours still shows, which is why the median is taken.

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** CPU time (user + system) of this process so far, in nanoseconds. */
function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/**
 * Nanoseconds of CPU per operation: `run()` performs `ops` operations and returns a checksum (kept
 * so the work cannot be optimised away). One warm-up round, then the median of `rounds`.
 */
export function nsPerOp(run: () => number, ops: number, rounds: number): number {
  let sink = run();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = cpuNs();
    sink += run();
    times.push((cpuNs() - t0) / ops);
  }
  if (sink === -1) console.log(''); // never true; keeps `sink` alive
  return median(times);
}

/** CPU time of one call, in milliseconds. */
export function timeMs<T>(f: () => T): { value: T; ms: number } {
  const t0 = cpuNs();
  const value = f();
  return { value, ms: (cpuNs() - t0) / 1e6 };
}
