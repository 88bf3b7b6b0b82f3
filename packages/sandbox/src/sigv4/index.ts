export {
  parseSigV4,
  SIGV4_ALGORITHM,
  type CredentialScope,
  type SigV4Claim,
  type SigV4ParseResult,
} from './parse';
export { verifySigV4, signingKey, type SigV4Verdict, type WireRequest } from './verify';
export { escapeUri, sha256Hex } from './canonical';
