// Timing and heap helpers for the benchmark.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Returns a function that runs a full garbage collection. Node hides `gc` unless started with
 * --expose-gc; setting the flag at run time and reading `gc` from a new context exposes it,
 * so `npm run bench` needs no extra flag.
 */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export const collectGarbage = exposeGc();

export interface Timing {
  /** Median of the timed runs, in milliseconds. */
  median: number;
  runs: number;
}

/**
 * Runs `operation` `warmups` times untimed, then `runs` times timed, collecting garbage before
 * each timed run so that one run does not pay for the last one's garbage.
 */
export function time(operation: () => unknown, runs: number, warmups = 3): Timing {
  for (let index = 0; index < warmups; index++) {
    operation();
  }
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    collectGarbage();
    const start = process.hrtime.bigint();
    operation();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: median(samples), runs };
}

export interface Comparison {
  /** Medians of the timed runs, in milliseconds. */
  ours: number;
  baseline: number;
  /** Median of the per-run ratios ours / baseline. */
  ratio: number;
}

/**
 * Times `ours` and `baseline` in turn, `runs` times each after warm-up. Alternating the two
 * and taking the median of the per-run ratios keeps a slow spell on a busy machine from
 * landing on one side only.
 */
export function compare(ours: () => unknown, baseline: () => unknown, runs: number): Comparison {
  for (let index = 0; index < 3; index++) {
    baseline();
    ours();
  }
  const oursSamples: number[] = [];
  const baselineSamples: number[] = [];
  const ratios: number[] = [];
  for (let index = 0; index < runs; index++) {
    const baselineTime = timeOnce(baseline);
    const oursTime = timeOnce(ours);
    baselineSamples.push(baselineTime);
    oursSamples.push(oursTime);
    ratios.push(oursTime / baselineTime);
  }
  return { ours: median(oursSamples), baseline: median(baselineSamples), ratio: median(ratios) };
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Times `operation` once, after one garbage collection. */
export function timeOnce(operation: () => unknown): number {
  collectGarbage();
  const start = process.hrtime.bigint();
  operation();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface HeapUse {
  /**
   * Heap growth right after `build` returned, garbage included. It estimates the peak, but
   * misses garbage that was collected while `build` ran.
   */
  afterBuild: number;
  /** Heap still used by the result after a full collection. */
  retained: number;
}

/** Measures how much heap `build` uses, in bytes, while its result is kept alive. */
export function heapUse(build: () => unknown): HeapUse {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const result = build();
  const afterBuild = process.memoryUsage().heapUsed - before;
  collectGarbage();
  const retained = process.memoryUsage().heapUsed - before;
  keepAlive(result);
  return { afterBuild, retained };
}

let sink: unknown;

function keepAlive(value: unknown): void {
  sink = value;
  sink = undefined;
}
