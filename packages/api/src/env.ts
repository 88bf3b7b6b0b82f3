import type { Principal } from './auth/principal';

/** Per-request values set by the middleware chain and read by handlers. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    /** Absent on public routes when nobody is signed in. */
    principal: Principal | undefined;
    clientIp: string;
    /** Records refused mutations; set for every request by createApi. */
    auditDenied: ((required: string) => Promise<void>) | undefined;
  };
}
