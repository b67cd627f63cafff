import type { z } from 'zod';

/** `samples[0].strokes[2][1].y`: the path of a bad value as a person reads it. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

const withArticle = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** One issue as a sentence: `samples must be an array`, `name must be 1–200 characters`. */
export function describeIssue(issue: z.core.$ZodIssue, root = 'body'): string {
  const where = issuePath(issue.path);
  // zod's default wording ("Invalid input: expected array, received object") names the
  // types; ours names the field, the way the rest of our errors read.
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return where
      ? `${where} must be ${withArticle(issue.expected)}`
      : `${root} must be a JSON ${issue.expected}`;
  }
  if (issue.message.startsWith('must ')) return `${where || root} ${issue.message}`;
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** The first issue of a failed parse, as a sentence (one clear problem at a time). */
export function describeZodError(error: z.ZodError, root = 'body'): string {
  const first = error.issues[0];
  return first ? describeIssue(first, root) : 'invalid input';
}
