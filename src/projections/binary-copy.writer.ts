/**
 * Rows in the binary format of PostgreSQL's `COPY ... FROM STDIN WITH (FORMAT binary)`: a header, per row the
 * number of fields, per field its length in bytes (-1 for NULL) and the value as the type's receive function
 * reads it (big-endian integers, UTF-8 text, days and microseconds since 2000 for a `date` and a `timestamptz`),
 * and a trailer.
 *
 * Nothing is escaped or spelled out in decimal: the server copies bytes instead of parsing every integer,
 * identifier and time from text (200,000 audit-trail rows: 346-419 against 737 ms of server time, loaded from a
 * file), and Node writes each value once into one buffer instead of building a text it encodes afterwards.
 * Each method writes the next field of the row, NULL for `null`. Integers are stored byte by byte: `Buffer`'s
 * checked writes took 0.35 s of a rebuild of all (profile), the stores here too little to show.
 */
export class BinaryCopyWriter {
  private buffer: Buffer;
  private offset: number;
  /** The fields written of the current row: which column a failure is in. */
  private field = 0;

  /** `expectedBytes`: a guess of the whole size; the buffer grows if it is too small. */
  constructor(expectedBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(Math.max(expectedBytes, HEADER.length + 2));
    this.offset = HEADER.copy(this.buffer, 0);
  }

  /** The position in its row (from 0) of the field being written. */
  get fieldIndex(): number {
    return this.field;
  }

  /** Starts a row of `fields` values, each written next by one of the methods below. */
  row(fields: number): void {
    this.reserve(2);
    this.buffer[this.offset] = fields >>> 8;
    this.buffer[this.offset + 1] = fields;
    this.offset += 2;
    this.field = 0;
  }

  /** `text`, `varchar` and `json` (whose binary form is its text). */
  text(value: string | null): void {
    if (value === null) return this.null();
    // UTF-8 needs at most three bytes per UTF-16 unit; the length is written once the bytes are.
    this.reserve(4 + value.length * 3);
    const buffer = this.buffer;
    const start = this.offset + 4;
    let end = start;
    // Short ASCII text is copied here faster than a call into the runtime encodes it (about 60 against 100 ns a
    // value, measured on names, times and summaries); longer or other text is encoded there.
    if (value.length > SHORT_TEXT) end += buffer.write(value, start);
    else {
      for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) {
          end = start + buffer.write(value, start);
          break;
        }
        buffer[end++] = code;
      }
    }
    this.int32(end - start);
    this.offset = end;
    this.field++;
  }

  /**
   * Text where a row altered by hand may hold anything: a string as it is, anything else as JSON (as
   * `arrayColumns` sends it), `undefined` as NULL.
   */
  anyText(value: unknown): void {
    if (typeof value === 'string') this.text(value);
    else if (value === null || value === undefined) this.null();
    else this.text(typeof value === 'object' ? JSON.stringify(value) : String(value));
  }

  int4(value: number | null): void {
    if (value === null) return this.null();
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) throw new RangeError(`${value} is not a whole number of 32 bits`);
    this.reserve(8);
    this.int32(4);
    this.int32(value);
    this.field++;
  }

  int8(value: number | null): void {
    if (value === null) return this.null();
    this.reserve(12);
    this.int32(8);
    this.int64(value);
    this.field++;
  }

  bool(value: boolean | null): void {
    if (value === null) return this.null();
    this.reserve(5);
    this.int32(1);
    this.buffer[this.offset++] = value ? 1 : 0;
    this.field++;
  }

  /** A UUID written as 32 hexadecimal digits, with or without the four hyphens, in either case. */
  uuid(value: string | null): void {
    if (value === null) return this.null();
    const hyphenated = value.length === 36;
    if (!hyphenated && value.length !== 32) throw notUuid(value);
    this.reserve(20);
    this.int32(16);
    const buffer = this.buffer;
    let at = this.offset;
    let high = -1;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (hyphenated && (i === 8 || i === 13 || i === 18 || i === 23)) {
        if (code !== HYPHEN) throw notUuid(value);
        continue;
      }
      const digit = code < 128 ? (HEX_VALUES[code] ?? -1) : -1;
      if (digit === -1) throw notUuid(value);
      if (high === -1) high = digit;
      else {
        buffer[at++] = (high << 4) | digit;
        high = -1;
      }
    }
    this.offset = at;
    this.field++;
  }

  /** Days since the epoch (1970-01-01), as `epochDayOf` counts them. */
  date(epochDay: number | null): void {
    if (epochDay === null) return this.null();
    if (!Number.isInteger(epochDay) || Math.abs(epochDay) > 2 ** 30) throw new RangeError(`${epochDay} is not a day PostgreSQL keeps`);
    this.reserve(8);
    this.int32(4);
    this.int32(epochDay - POSTGRES_EPOCH_DAY);
    this.field++;
  }

  /**
   * Microseconds since the epoch (1970), as PostgreSQL keeps a `timestamptz`; sent as microseconds since 2000, of
   * which a double holds every whole number up to 2^53 (the years 1685 to 2255).
   */
  timestamptz(micros: number | null): void {
    if (micros === null) return this.null();
    this.reserve(12);
    this.int32(8);
    this.int64(micros - POSTGRES_EPOCH_MICROS);
    this.field++;
  }

  /** The rows written, with the trailer: COPY's whole input. The writer is done with. */
  finish(): Buffer {
    this.reserve(2);
    this.buffer[this.offset++] = 0xff;
    this.buffer[this.offset++] = 0xff;
    return this.buffer.subarray(0, this.offset);
  }

  private null(): void {
    this.reserve(4);
    this.int32(-1);
    this.field++;
  }

  /** A field's length or an `int4`: two's complement, big-endian (a typed array keeps the lowest 8 bits of each number stored). */
  private int32(value: number): void {
    const buffer = this.buffer;
    const at = this.offset;
    buffer[at] = value >> 24;
    buffer[at + 1] = value >> 16;
    buffer[at + 2] = value >> 8;
    buffer[at + 3] = value;
    this.offset = at + 4;
  }

  /** A whole number of at most 53 bits, as a two's complement 64-bit integer. */
  private int64(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a whole number of at most 53 bits`);
    const high = Math.floor(value / 2 ** 32);
    this.int32(high);
    // The low half as an unsigned number: `>> 0` maps it onto the same 32 bits.
    this.int32((value - high * 2 ** 32) >> 0);
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }
}

function notUuid(value: string): TypeError {
  return new TypeError(`${JSON.stringify(value)} is not a UUID`);
}

/** The signature, no flags, no header extension. */
const HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds since 1970. */
const POSTGRES_EPOCH_MICROS = 946_684_800_000_000;
const POSTGRES_EPOCH_DAY = 10_957;
const HYPHEN = 0x2d;
const SHORT_TEXT = 48;
const HEX_VALUES: ReadonlyArray<number | undefined> = (() => {
  const values = new Array<number | undefined>(128);
  for (let digit = 0; digit < 16; digit++) {
    const text = digit.toString(16);
    values[text.charCodeAt(0)] = digit;
    values[text.toUpperCase().charCodeAt(0)] = digit;
  }
  return values;
})();
