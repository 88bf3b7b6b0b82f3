import { S3Error } from './s3-error';

/** One decoded chunk header: its data length and, for signed streams, its signature. */
export interface ChunkHeader {
  size: number;
  signature: string | null;
}

export interface AwsChunkedSink {
  /** Called before the chunk's data; signed streams start a chunk hash here. */
  chunkStart(header: ChunkHeader): void;
  data(bytes: Buffer): void;
  /** Called after a chunk's data and its CRLF. */
  chunkEnd(header: ChunkHeader): void;
  trailer(name: string, value: string): void;
}

const MAX_LINE = 4096;

const incomplete = () =>
  new S3Error('IncompleteBody', 'The request body terminated unexpectedly', 400);

const badChunk = () =>
  new S3Error(
    'InvalidChunkSizeError',
    'Only the last chunk is allowed to have a size less than 8192 bytes',
    400,
  );

/**
 * Decodes an `aws-chunked` body as it streams: `hex-size[;chunk-signature=…]\r\n data \r\n`,
 * ending with a zero-size chunk and optional trailer lines (`x-amz-checksum-crc32:…`) and a
 * blank line. Only a header line is ever held whole; data is passed on slice by slice, so the
 * decoder holds one network chunk at a time however large the upload.
 */
export async function decodeAwsChunked(
  source: AsyncIterable<Buffer>,
  sink: AwsChunkedSink,
): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let state = 'header' as 'header' | 'data' | 'data-end' | 'trailer' | 'done';
  let current: ChunkHeader = { size: 0, signature: null };
  let remaining = 0;

  const takeLine = (): string | null => {
    const end = pending.indexOf('\r\n');
    if (end === -1) {
      if (pending.length > MAX_LINE) throw badChunk();
      return null;
    }
    const line = pending.subarray(0, end).toString('latin1');
    pending = pending.subarray(end + 2);
    return line;
  };

  const step = (): boolean => {
    switch (state) {
      case 'header': {
        const line = takeLine();
        if (line === null) return false;
        const [sizeText = '', ...extensions] = line.split(';');
        if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw badChunk();
        const signature =
          extensions.find((e) => e.startsWith('chunk-signature='))?.slice(16) ?? null;
        current = { size: Number.parseInt(sizeText, 16), signature };
        sink.chunkStart(current);
        remaining = current.size;
        state = current.size === 0 ? 'trailer' : 'data';
        if (current.size === 0) sink.chunkEnd(current);
        return true;
      }
      case 'data': {
        if (pending.length === 0) return false;
        const take = Math.min(remaining, pending.length);
        sink.data(pending.subarray(0, take));
        pending = pending.subarray(take);
        remaining -= take;
        if (remaining === 0) state = 'data-end';
        return true;
      }
      case 'data-end': {
        if (pending.length < 2) return false;
        if (pending[0] !== 0x0d || pending[1] !== 0x0a) throw badChunk();
        pending = pending.subarray(2);
        sink.chunkEnd(current);
        state = 'header';
        return true;
      }
      case 'trailer': {
        const line = takeLine();
        if (line === null) return false;
        if (line === '') {
          state = 'done';
          return true;
        }
        const colon = line.indexOf(':');
        if (colon <= 0) throw badChunk();
        sink.trailer(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        return true;
      }
      case 'done':
        return false;
    }
  };

  for await (const chunk of source) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (step());
  }
  while (step());
  // Some clients end a stream without trailers right after the last chunk's CRLF.
  if (state !== 'done' && !(state === 'trailer' && pending.length === 0)) throw incomplete();
}
