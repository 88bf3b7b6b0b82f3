import { CcxError, invalidInput } from '@ccx/core';
import type { OutputStream } from './context';

/** Reads all of stdin (for `--password-stdin`), dropping one trailing newline. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * Asks for a password on the terminal without echoing it: raw mode, so characters arrive one
 * by one and are never written back. Ctrl-C aborts with an error rather than leaving the
 * terminal in raw mode.
 */
export function promptHidden(
  stdin: NodeJS.ReadStream,
  stderr: OutputStream,
  prompt: string,
): Promise<string> {
  if (!stdin.isTTY) {
    return Promise.reject(
      invalidInput('No terminal to ask for a password on: pass it with --password-stdin'),
    );
  }
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new CcxError('invalid_input', 'Cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * Rejects passwords that are long enough for the API's length rule but still trivial to guess.
 * The length rule itself is the API's (`checkPasswordPolicy`), applied when the user is created.
 */
export function weakPasswordReason(password: string, username: string): string | null {
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5) return 'it uses fewer than 5 different characters';
  if (username.length >= 3 && lower.includes(username.toLowerCase()))
    return 'it contains the username';
  if (
    /^(?:0123456789|1234567890|abcdefghij|qwertyuiop|password|passw0rd|letmein|welcome)/.test(lower)
  ) {
    return 'it starts with a well-known password or sequence';
  }
  return null;
}
