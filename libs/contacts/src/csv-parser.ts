/** A CSV problem that makes the whole file unreadable (as opposed to one bad row). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly reason: 'LINE_TOO_LONG' | 'UNTERMINATED_QUOTE',
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvRecord {
  /** 1-based record number as a spreadsheet shows it (the header is row 1). */
  row: number;
  fields: string[];
}

export interface CsvParserOptions {
  /** Longest record, in characters (a quoted field with newlines counts as one record). */
  maxRecordChars: number;
  /** Field separator; `undefined` detects `,`, `;` or tab from the first record. */
  delimiter?: string;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t'];

/**
 * An incremental RFC 4180 parser: `push` text as it arrives, then `end`. Handles quoted fields,
 * doubled quotes, embedded newlines, CRLF/LF/CR line ends and a leading BOM. Lenient where Excel
 * is (a stray quote inside an unquoted field is kept as text), strict where the data would
 * otherwise shift between columns (an unterminated quote fails the file).
 *
 * Values are returned verbatim: nothing is evaluated, so `=SUM(A1)` stays the text `=SUM(A1)`.
 */
export class CsvParser {
  private delimiter: string | undefined;
  private fields: string[] = [];
  private field = '';
  private recordChars = 0;
  private inQuotes = false;
  /** The previous character closed a quoted section ("" inside quotes is an escaped quote). */
  private quoteClosed = false;
  private pendingCr = false;
  private started = false;
  private row = 1;
  private pending = '';

  constructor(private readonly options: CsvParserOptions) {
    this.delimiter = options.delimiter;
  }

  push(text: string): CsvRecord[] {
    let input = text;
    if (!this.started) {
      if (input.length === 0) return [];
      if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
      this.started = true;
    }
    if (this.delimiter === undefined) {
      // Detection needs the first line; hold text back until it is complete (or the input ends).
      this.pending += input;
      const firstLineEnd = firstUnquotedNewline(this.pending);
      if (firstLineEnd < 0) {
        if (this.pending.length > this.options.maxRecordChars) {
          throw new CsvSyntaxError('LINE_TOO_LONG', this.row, `Row ${this.row} is longer than ${this.options.maxRecordChars} characters`);
        }
        return [];
      }
      this.delimiter = detectDelimiter(this.pending.slice(0, firstLineEnd));
      input = this.pending;
      this.pending = '';
    }
    return this.consume(input);
  }

  end(): CsvRecord[] {
    if (this.delimiter === undefined) {
      this.delimiter = detectDelimiter(this.pending);
      const records = this.consume(this.pending);
      this.pending = '';
      return [...records, ...this.finish()];
    }
    return this.finish();
  }

  private finish(): CsvRecord[] {
    if (this.inQuotes) {
      throw new CsvSyntaxError('UNTERMINATED_QUOTE', this.row, `Row ${this.row} has a quoted field that is never closed`);
    }
    const out: CsvRecord[] = [];
    if (this.fields.length > 0 || this.field.length > 0 || this.quoteClosed) this.emit(out);
    return out;
  }

  private consume(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const delimiter = this.delimiter ?? ',';
    // Field text is copied in runs (one slice per run of ordinary characters), not a character at
    // a time: per-character concatenation built millions of tiny strings, and a 50,000-row file
    // spent seconds collecting them.
    let run = -1;
    const flush = (end: number) => {
      if (run >= 0) {
        this.field += text.slice(run, end);
        run = -1;
      }
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === '\n') continue; // the LF of a CRLF already ended the record
      }
      if (++this.recordChars > this.options.maxRecordChars) {
        throw new CsvSyntaxError('LINE_TOO_LONG', this.row, `Row ${this.row} is longer than ${this.options.maxRecordChars} characters`);
      }
      if (this.inQuotes) {
        if (c === '"') {
          flush(i);
          this.inQuotes = false;
          this.quoteClosed = true;
        } else if (run < 0) {
          run = i;
        }
        continue;
      }
      if (c === '"') {
        flush(i);
        if (this.quoteClosed) {
          // "" inside a quoted field: one literal quote (this one), and the field stays quoted.
          run = i;
          this.inQuotes = true;
          this.quoteClosed = false;
        } else if (this.field.length === 0) {
          this.inQuotes = true;
        } else {
          run = i;
        }
        continue;
      }
      this.quoteClosed = false;
      if (c === delimiter) {
        flush(i);
        this.fields.push(this.field);
        this.field = '';
      } else if (c === '\n' || c === '\r') {
        flush(i);
        this.emit(out);
        if (c === '\r') this.pendingCr = true;
      } else if (run < 0) {
        run = i;
      }
    }
    flush(text.length);
    return out;
  }

  private emit(out: CsvRecord[]): void {
    this.fields.push(this.field);
    const record = { row: this.row, fields: this.fields };
    // A blank line is not a record, but it still moves the row number on.
    if (!(record.fields.length === 1 && record.fields[0] === '' && !this.quoteClosed)) out.push(record);
    this.row++;
    this.fields = [];
    this.field = '';
    this.recordChars = 0;
    this.quoteClosed = false;
  }
}

/** Parses a whole text (the common case: an uploaded file already in memory). */
export function parseCsv(text: string, options: CsvParserOptions): CsvRecord[] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
}

function firstUnquotedNewline(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return i;
  }
  return -1;
}

/** The candidate that occurs most often outside quotes in the header line; comma on a tie. */
function detectDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const c of line) {
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
