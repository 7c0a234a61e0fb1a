import autocannon, { type Result } from 'autocannon';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Average of autocannon's per-second request counts. */
  reqPerSec: number;
  /** Responses of any status divided by the measured duration. */
  totalRequests: number;
  durationSeconds: number;
  /** Latency of 2xx responses, in milliseconds, from every response's own timing. */
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** autocannon's own latency summary (HDR histogram, whole milliseconds), as a cross-check. */
  autocannonLatencyMs: { p50: number; p97_5: number; p99: number };
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  // Nearest rank.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * One autocannon run. autocannon reports p50, p97.5 and p99 but not p95, so every 2xx response's
 * latency is also kept here and the percentiles are computed from all of them.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  let samples = new Float64Array(1 << 16);
  let count = 0;
  let guard: NodeJS.Timeout | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        headers: options.headers,
        timeout: 10,
      },
      (err, result: Result) => {
        clearTimeout(guard);
        if (err) {
          reject(err);
          return;
        }
        const sorted = samples.subarray(0, count).sort();
        let sum = 0;
        for (const value of sorted) {
          sum += value;
        }
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
          statusCodes[code] = stat.count;
        }
        resolve({
          reqPerSec: result.requests.average,
          totalRequests: result.requests.total,
          durationSeconds: result.duration,
          latencyMs: {
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: count > 0 ? sorted[count - 1]! : Number.NaN,
            mean: count > 0 ? sum / count : Number.NaN,
          },
          autocannonLatencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) {
        return;
      }
      if (count === samples.length) {
        const grown = new Float64Array(samples.length * 2);
        grown.set(samples);
        samples = grown;
      }
      samples[count++] = responseTime;
    });
    // autocannon stops by itself after `duration`; this only bounds a run that hangs.
    guard = setTimeout(() => instance.stop(), (options.durationSeconds + 15) * 1000);
  });
}
