/**
 * `npm run bench -- NAME [args]` runs one benchmark. Each prints its figures as lines and ends
 * with one JSON object (figures and ratios) on the last line, so runs can be compared.
 */
export {};

const BENCHMARKS = {
  'sync-ec2': () => import('./sync-ec2'),
  pii: () => import('./pii'),
  'storage-list': () => import('./storage-list'),
  'compute-sync': () => import('./compute-sync'),
  'compute-sort': () => import('./compute-sort'),
} as const satisfies Record<
  string,
  () => Promise<{ run(args: string[]): Promise<Record<string, unknown>> }>
>;

type BenchmarkName = keyof typeof BENCHMARKS;

function isBenchmark(name: string | undefined): name is BenchmarkName {
  return name !== undefined && Object.hasOwn(BENCHMARKS, name);
}

const [name, ...args] = process.argv.slice(2);
if (!isBenchmark(name)) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]`);
  process.exit(2);
}
const benchmark = await BENCHMARKS[name]();
const result = await benchmark.run(args);
console.log(JSON.stringify(result));
