/**
 * Opened as a separate process by the SQLite tests: opens (and so migrates) the store at
 * `argv[2]`, adds one user named `argv[3]`, and prints the user count.
 */
import { openStore } from '../open-store';

const [url, username] = process.argv.slice(2);
if (!url || !username) throw new Error('usage: migrate-in-child <url> <username>');
const store = await openStore({ url });
try {
  await store.users.create({ username, role: 'viewer' });
  process.stdout.write(String(await store.users.count()));
} finally {
  await store.close();
}
