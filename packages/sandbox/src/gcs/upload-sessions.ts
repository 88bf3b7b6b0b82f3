import { randomBytes } from 'node:crypto';
import type { GcsObject } from './model';

/** What a resumable upload will create, fixed when the session starts. */
export interface UploadTarget {
  bucket: string;
  name: string;
  contentType: string;
  metadata: Record<string, string>;
  storageClass?: string;
  ifGenerationMatch: string | null;
}

export interface UploadSession {
  id: string;
  target: UploadTarget;
  chunks: Buffer[];
  received: number;
  /** Declared total size, from `X-Upload-Content-Length` or a final `Content-Range`. */
  total: number | null;
  /** The object once finished: a repeated final request answers it again. */
  result: GcsObject | null;
}

/**
 * Open resumable uploads. The upload id in the session URI is the credential for its PUTs,
 * as in GCS, so it is 128 random bits. Sessions live for the sandbox's lifetime.
 */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  start(target: UploadTarget, total: number | null): UploadSession {
    const session: UploadSession = {
      id: randomBytes(16).toString('base64url'),
      target,
      chunks: [],
      received: 0,
      total,
      result: null,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): UploadSession | undefined {
    return this.sessions.get(id);
  }

  /** Drops the buffered chunks of a finished upload; its result stays for retries. */
  finish(session: UploadSession, result: GcsObject): void {
    session.result = result;
    session.chunks = [];
  }
}
