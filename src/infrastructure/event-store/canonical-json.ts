/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers as JavaScript prints them.
 * This is RFC 8785 (JCS) for the values we accept. We write it ourselves because it must also refuse what
 * JSON.stringify silently changes (NaN becomes null, a Date becomes a string, a Map becomes {}, a cycle throws
 * late): what we hash must be exactly what we store and read back.
 */
export class NotJsonError extends Error {
  override readonly name = 'NotJsonError';
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path}: ${what} is not JSON`);
  }

  /** The same refusal seen from the enclosing value: `segment` is `.key` or `[index]`. */
  under(segment: string): NotJsonError {
    return new NotJsonError(`$${segment}${this.path.slice(1)}`, this.what);
  }
}

export function canonicalJson(value: unknown): string {
  return encode(value, []);
}

/**
 * Canonical JSON of `{ ...record, [key]: value }` without making that copy: the store adds `recordedAt` to every
 * event's metadata, and the copy cost more than encoding it.
 */
export function canonicalJsonWithEntry(record: object, key: string, value: unknown): string {
  return encodeRecord(record, [record], { key, value });
}

// Every append encodes its data and metadata, so this is on the hot path: the path of a refused value is built
// only while the refusal unwinds, and the open objects (for cycles) are a stack rather than a Set.
function encode(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError('$', String(value));
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (ancestors.includes(value)) throw new NotJsonError('$', 'a cycle');
      ancestors.push(value);
      try {
        return Array.isArray(value) ? encodeArray(value, ancestors) : encodeRecord(value, ancestors);
      } finally {
        ancestors.pop();
      }
    default:
      throw new NotJsonError('$', `a ${typeof value}`);
  }
}

function encodeArray(items: unknown[], ancestors: object[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    try {
      out += encode(items[i], ancestors);
    } catch (error) {
      throw error instanceof NotJsonError ? error.under(`[${i}]`) : error;
    }
  }
  return `${out}]`;
}

function encodeRecord(value: object, ancestors: object[], extra?: { key: string; value: unknown }): string {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new NotJsonError('$', `an instance of ${value.constructor?.name ?? 'an unknown class'}`);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (extra && !Object.hasOwn(record, extra.key)) keys.push(extra.key);
  if (!isSorted(keys)) keys.sort();
  let out = '{';
  for (const key of keys) {
    const item = extra?.key === key ? extra.value : record[key];
    if (item === undefined) continue; // as JSON.stringify does: an absent optional field
    if (out.length > 1) out += ',';
    try {
      out += `${quotedKey(key)}:${encode(item, ancestors)}`;
    } catch (error) {
      throw error instanceof NotJsonError ? error.under(`.${key}`) : error;
    }
  }
  return `${out}}`;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/** Events of one type repeat the same keys: their quoted form is kept, up to a bound (keys may be data too). */
const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size >= MAX_QUOTED_KEYS) QUOTED_KEYS.clear();
    QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}
