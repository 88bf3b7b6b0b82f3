/**
 * An error the GCS simulator answers with. The JSON API shape is
 * `{"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}`; the Node client
 * reads `errors[0].reason` (e.g. `rateLimitExceeded`) to decide whether to retry.
 */
export class GcsError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'GcsError';
  }

  body(): string {
    return JSON.stringify({
      error: {
        code: this.status,
        message: this.message,
        errors: [{ domain: 'global', reason: this.reason, message: this.message }],
      },
    });
  }
}

export const gcsErrors = {
  invalid: (message: string) => new GcsError(400, 'invalid', message),
  required: (message = 'Anonymous caller does not have access to this resource.') =>
    new GcsError(401, 'required', message),
  unauthorized: (message: string) => new GcsError(401, 'authError', message),
  forbidden: (message: string) => new GcsError(403, 'forbidden', message),
  notFound: (message: string) => new GcsError(404, 'notFound', message),
  conflict: (message: string) => new GcsError(409, 'conflict', message),
  rateLimited: () =>
    new GcsError(429, 'rateLimitExceeded', 'The sandbox is throttling this request.'),
  unavailable: () => new GcsError(503, 'backendError', 'The sandbox failed this request.'),
};

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The XML API's error, which is what signed URLs and anonymous object URLs answer. */
export class GcsXmlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'GcsXmlError';
  }

  body(): string {
    const details =
      this.details === undefined ? '' : `<Details>${escapeXml(this.details)}</Details>`;
    return `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${this.code}</Code><Message>${escapeXml(this.message)}</Message>${details}</Error>`;
  }
}
