import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eEstate, type E2eEstate } from './harness';
import { startTestIdp, type TestIdp } from './idp';

let idp: TestIdp;
let estate: E2eEstate;

/**
 * Single sign-on end to end: a real OpenID provider on loopback, ccx started on port 0 with no
 * public URL (so the callback must carry the port it actually bound), and a browser that clicks
 * through the provider's own login and consent pages.
 */
beforeAll(async () => {
  idp = await startTestIdp();
  estate = await startE2eEstate({
    transitionMs: 500,
    oidc: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      name: 'Test IdP',
      defaultRole: 'viewer',
    },
  });
  idp.register(`${estate.server.url}/api/auth/oidc/callback`);
});

afterAll(async () => {
  await estate?.close();
  await idp?.close();
});

describe('single sign-on in a real browser', () => {
  it('signs in through "Sign in with Test IdP" and lands where the user was going', async () => {
    const context = await estate.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${estate.server.url}/inventory?state=running`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();

    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('grace');
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: /sign-in/i }).click();
    await page.getByRole('button', { name: /continue/i }).click();

    await page.waitForURL((url) => url.href.startsWith(`${estate.server.url}/inventory`));
    expect(new URL(page.url()).searchParams.get('state')).toBe('running');
    await expect.poll(() => page.getByTestId('user-role').textContent()).toBe('viewer');
    await expect.poll(() => page.getByTestId('resource-row').count()).toBeGreaterThan(0);

    const user = await estate.server.store.users.findByOidc(idp.issuer, 'grace');
    expect(user).toMatchObject({ role: 'viewer', displayName: 'SSO grace' });
    expect(await page.getByLabel('User menu').textContent()).toContain('SSO grace');
    await context.close();
  });
});
