/** Who a verified request acts as. */
export interface Principal {
  accountId: string;
  arn: string;
  /** `UserId` as GetCallerIdentity reports it (`AIDA…` for a user, `AROA…:session` for a role). */
  userId: string;
  kind: 'user' | 'assumed-role';
}

/** A secret the sandbox knows, and what it grants. */
export interface KnownCredential {
  secretAccessKey: string;
  principal: Principal;
  /** Temporary credentials require their session token on every request. */
  sessionToken: string | null;
  /** Epoch ms after which temporary credentials are refused; null for long-term keys. */
  expiresAt: number | null;
}
