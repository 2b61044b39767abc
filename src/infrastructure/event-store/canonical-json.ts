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
}

export function canonicalJson(value: unknown): string {
  return encode(value, '$', new Set());
}

function encode(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(path, String(value));
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return encodeObject(value, path, ancestors);
    default:
      throw new NotJsonError(path, `a ${typeof value}`);
  }
}

function encodeObject(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new NotJsonError(path, 'a cycle');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, i) => encode(item, `${path}[${i}]`, ancestors)).join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new NotJsonError(path, `an instance of ${value.constructor?.name ?? 'an unknown class'}`);
    }
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue; // as JSON.stringify does: an absent optional field
      parts.push(`${JSON.stringify(key)}:${encode(item, `${path}.${key}`, ancestors)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
