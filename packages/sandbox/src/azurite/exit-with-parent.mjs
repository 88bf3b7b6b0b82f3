// Preloaded into the Azurite child process. Azurite exits on SIGTERM or an IPC "shutdown"
// message, but nothing tells it when the sandbox process dies without saying so (SIGKILL, a
// crashed test worker). The IPC channel closes when its parent goes, whatever the cause, so
// exiting on "disconnect" leaves no orphan listening on a loopback port.
import process from 'node:process';

process.on('disconnect', () => process.exit(0));
