export { main } from './main';
export { buildProgram } from './program';
export { EXIT, type ExitCode } from './exit-codes';
export { DEMO_USERS } from './demo-users';
export type { CliContext } from './context';
