import { createLocalUser } from '@ccx/api';
import type { Store } from '@ccx/store';
import { DEMO_USERS } from './demo-users';

/** Creates whichever demo account is missing; existing ones (maybe with a changed password) are left alone. */
export async function ensureDemoUsers(store: Store): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    if (await store.users.findByUsername(user.username)) continue;
    await createLocalUser(store, { ...user, displayName: `Demo ${user.role}` });
    created.push(user.username);
  }
  return { created };
}
