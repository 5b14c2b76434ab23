/**
 * The sum of a counter's values over the label sets that match `labels`, read from an app's own
 * metrics registry — what the flood tests compare before and after a flood ("every request is
 * counted").
 */
import type { Registry } from 'prom-client';

export async function metricSum(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((n, v) => n + v.value, 0);
}
