/**
 * Only same-origin paths are accepted as a place to return to after sign-in; anything else
 * (`https://evil`, `//evil`, `/\evil`) becomes `/`, so the login page cannot be used as an
 * open redirect.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}
