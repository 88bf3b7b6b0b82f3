import type { Context } from 'hono';

/**
 * The peer address of the connection. Forwarded headers are not trusted: without a configured
 * proxy they are whatever the client chose, and the login rate limit keys on this value.
 */
export function clientIp(c: Context): string {
  const env: unknown = c.env;
  if (typeof env === 'object' && env !== null && 'incoming' in env) {
    const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
    const address = incoming?.socket?.remoteAddress;
    if (address) return address;
  }
  return 'unknown';
}
