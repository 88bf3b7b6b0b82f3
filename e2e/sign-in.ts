import type { Page } from 'playwright-core';

export interface Credentials {
  username: string;
  password: string;
}

/** Opens `path` on the server, signs in on the login page it redirects to, and waits to leave it. */
export async function signIn(
  page: Page,
  baseUrl: string,
  user: Credentials,
  path: string,
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
