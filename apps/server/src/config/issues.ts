import type { z } from 'zod';

/**
 * Turns zod issues into one line each: `path: what was expected, got what`. The path is the
 * dotted location in ccx.yaml (array items by index) so a reader can find the key at once.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${joinPath([...issue.path, key])}: unknown key`);
    }
    return [`${joinPath(issue.path)}: ${describeIssue(issue)}`];
  });
}

export function joinPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const got =
    'input' in issue && issue.input !== undefined ? `, got ${describeValue(issue.input)}` : '';
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return `required (${issue.expected})`;
  if (
    issue.code === 'invalid_union' &&
    issue.discriminator !== undefined &&
    'options' in issue &&
    issue.errors.length === 0
  ) {
    const value = isRecord(issue.input) ? issue.input[issue.discriminator] : undefined;
    const options = (issue.options ?? []).map((option) => JSON.stringify(option)).join(', ');
    return `expected one of ${options}, got ${describeValue(value)}`;
  }
  // Refinements span several keys; their message already says what is wrong.
  if (issue.code === 'custom') return issue.message;
  return `${issue.message}${got}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Default wording for issues whose schema gave none; passed to every parse so the messages do
 * not depend on zod's locale text.
 */
export function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') return `expected ${article(issue.expected)}`;
  if (issue.code === 'invalid_value') {
    return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  if (issue.code === 'invalid_format') return `expected ${article(issue.format)}`;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const small = issue.code === 'too_small';
    const bound = String(small ? issue.minimum : issue.maximum);
    if (issue.origin === 'string' || issue.origin === 'array') {
      const unit = issue.origin === 'string' ? 'characters' : 'items';
      return `expected ${small ? 'at least' : 'at most'} ${bound} ${unit}`;
    }
    const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
    return `expected a number ${op} ${bound}`;
  }
  return undefined;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
