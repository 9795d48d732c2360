/** Bench output: a line for a person and one JSON line per figure for machines. */
export interface Figure {
  bench: string;
  value: number;
  unit: string;
}

export function report(figure: Figure, note = ''): void {
  const value = Number.isInteger(figure.value) ? figure.value : Number(figure.value.toFixed(3));
  console.log(`${figure.bench.padEnd(44)} ${String(value).padStart(12)} ${figure.unit}${note ? `  (${note})` : ''}`);
  console.log(JSON.stringify({ bench: figure.bench, value, unit: figure.unit }));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** Runs `fn` `times` times and returns the durations in milliseconds, sorted. */
export async function timeEach(times: number, fn: (i: number) => unknown): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return durations.sort((a, b) => a - b);
}
