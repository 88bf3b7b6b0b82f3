/**
 * Structured context: the name of the field a value sits in. Far below a CSV header no context
 * word is near a value, yet the column says what it is (`card_number`, `ssn`); in JSON, YAML and
 * env files the key just before a value (`"ssn": "…"`, `ssn: …`, `SSN=…`) does the same.
 *
 * Names come back normalised to lower-case words separated by spaces (`cardNumber` and
 * `card_number` both give `card number`), so the context-word patterns apply to them as is.
 */
export interface FieldNames {
  /** The column header or key naming the value that starts at `offset`, or null. */
  nameAt(offset: number): string | null;
}

const DELIMITERS = [',', '\t', ';', '|'] as const;
const MAX_HEADER_CHARS = 4096;
/** A header cell: an identifier-like name, optionally quoted. Values (digits, `@`) are not. */
const HEADER_CELL = /^\s*"?[A-Za-z_][\w .#/-]{0,63}"?\s*$/;
/** The key right before a value on its line: `"key": "`, `key: `, `KEY=`, `key = '`. */
const KEY_BEFORE = /(?:^|[\s{,[])["']?([A-Za-z_][\w.-]{0,63})["']?[ \t]*[:=][ \t]*["']?$/;
const KEY_LOOKBACK = 80;

export function normaliseName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Splits one line on `delimiter`, honouring double quotes (RFC 4180, no embedded newlines). */
function splitRow(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
      continue;
    }
    cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * A delimited header: the first line splits into at least two identifier-like cells on the
 * delimiter it holds most of, and the second line has as many cells (a sniff, as Python's
 * csv.Sniffer does, cut down to what makes a header trustworthy).
 */
function sniffHeader(text: string): { delimiter: string; names: string[] } | null {
  const firstEnd = text.indexOf('\n');
  if (firstEnd === -1 || firstEnd > MAX_HEADER_CHARS) return null;
  const first = text.slice(0, firstEnd).replace(/\r$/, '');
  const secondEnd = text.indexOf('\n', firstEnd + 1);
  const second = text.slice(firstEnd + 1, secondEnd === -1 ? undefined : secondEnd);
  let best: { delimiter: string; names: string[] } | null = null;
  for (const delimiter of DELIMITERS) {
    const cells = splitRow(first, delimiter);
    if (cells.length < 2 || (best && cells.length <= best.names.length)) continue;
    if (!cells.every((c) => HEADER_CELL.test(c))) continue;
    if (splitRow(second.replace(/\r$/, ''), delimiter).length !== cells.length) continue;
    best = { delimiter, names: cells.map(normaliseName) };
  }
  return best;
}

/**
 * Column of an offset: delimiters outside quotes between its line start and it. Recognizers ask in
 * increasing offsets, so a cursor carries on from the last answer on the same line; a line of a
 * megabyte is walked once per recognizer, not once per candidate.
 */
function columnCursor(text: string, delimiter: string): (offset: number) => number {
  let lineStart = -1;
  let pos = 0;
  let column = 0;
  let quoted = false;
  return (offset) => {
    const sameLine = lineStart !== -1 && offset >= pos && !text.slice(pos, offset).includes('\n');
    if (!sameLine) {
      // Scans back only to the newline that ends the stretch already walked, when going forward.
      lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      pos = lineStart;
      column = 0;
      quoted = false;
    }
    for (; pos < offset; pos++) {
      const ch = text[pos];
      if (ch === '"') quoted = !quoted;
      else if (ch === delimiter && !quoted) column++;
    }
    return column;
  };
}

export function fieldNames(text: string): FieldNames {
  const header = sniffHeader(text);
  if (header !== null) {
    const firstLineEnd = text.indexOf('\n');
    const columnOf = columnCursor(text, header.delimiter);
    return {
      nameAt: (offset) =>
        offset <= firstLineEnd ? null : (header.names[columnOf(offset)] ?? null),
    };
  }
  return {
    nameAt(offset) {
      // Only the stretch just before the value matters; never walk back over a whole long line.
      let before = text.slice(Math.max(0, offset - KEY_LOOKBACK), offset);
      const newline = before.lastIndexOf('\n');
      if (newline !== -1) before = before.slice(newline + 1);
      const key = KEY_BEFORE.exec(before)?.[1];
      return key === undefined ? null : normaliseName(key);
    },
  };
}
