import { parseQuery } from '../sigv4/canonical';
import { AwsError } from './aws-error';

/**
 * The decoded parameters of a Query-protocol request (form body, plus the query string for GET).
 * Lists arrive flattened (`InstanceId.1`, `Filter.2.Value.3`); the helpers below rebuild them in
 * index order, which is the order the caller gave them.
 */
export class QueryParams {
  private readonly values: Map<string, string>;

  constructor(pairs: Iterable<[string, string]>) {
    this.values = new Map(pairs);
  }

  static fromRequest(rawQuery: string, body: string, contentType: string | undefined): QueryParams {
    const pairs = parseQuery(rawQuery);
    if (
      body.length > 0 &&
      (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
    ) {
      // Form bodies encode spaces as '+'; the query string (signed verbatim) does not.
      for (const [key, value] of new URLSearchParams(body)) pairs.push([key, value]);
    }
    return new QueryParams(pairs);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  require(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === '')
      throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`, 400);
    return value;
  }

  entries(): IterableIterator<[string, string]> {
    return this.values.entries();
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Values of `prefix.1`, `prefix.2`, … in numeric order. */
  list(prefix: string): string[] {
    return this.indexes(prefix).map((i) => this.values.get(`${prefix}.${i}`) ?? '');
  }

  /** The numeric indexes present directly under `prefix` (`Filter.1.Name` → 1), sorted. */
  indexes(prefix: string): number[] {
    const found = new Set<number>();
    const start = `${prefix}.`;
    for (const key of this.values.keys()) {
      if (!key.startsWith(start)) continue;
      const rest = key.slice(start.length);
      const dot = rest.indexOf('.');
      const index = Number(dot === -1 ? rest : rest.slice(0, dot));
      if (Number.isInteger(index) && index > 0) found.add(index);
    }
    return [...found].sort((a, b) => a - b);
  }

  /** Integer parameter, or undefined when absent; a non-integer is InvalidParameterValue. */
  integer(name: string): number | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value))
      throw new AwsError(
        'InvalidParameterValue',
        `Invalid value '${raw}' for ${name}. It must be an integer.`,
        400,
      );
    return value;
  }

  boolean(name: string): boolean {
    return this.values.get(name)?.toLowerCase() === 'true';
  }
}
