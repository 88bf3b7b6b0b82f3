import type { Principal } from './auth/principal';

/** Per-request values set by the middleware chain and read by handlers. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    /** Absent on public routes when nobody is signed in. */
    principal: Principal | undefined;
    clientIp: string;
  };
}
