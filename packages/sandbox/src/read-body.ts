import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body whole, up to `maxBytes`: beyond it the request is destroyed, which bounds
 * what a misbehaving client can make the sandbox buffer. Streamed uploads (S3) do not come here.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) req.destroy(new Error(`Request body over ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
