/** Opaque pagination cursors: base64url JSON, checked on the way back in. */

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor into string/number fields; undefined when it is not one of ours. */
export function decodeCursor(cursor: string): Record<string, string | number> | undefined {
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string' && typeof v !== 'number') return undefined;
      out[k] = v;
    }
    return out;
  } catch {
    return undefined;
  }
}
