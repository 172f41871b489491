/** A fresh idempotency key: a random UUID (v4). */
export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context in browsers; getRandomValues does not.
  if (typeof crypto?.getRandomValues !== 'function') throw new Error('No secure random source here: pass `idempotencyKey` yourself.');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The variables with an idempotency key in every input of a creating type
 * that has none (the caller's object is not changed), and whether the request
 * carries one at all, which makes it safe to send again.
 */
export function withIdempotencyKeys(
  variables: Record<string, unknown> | undefined,
  variableTypes: Record<string, string>,
  idempotentTypes: readonly string[],
): { variables: Record<string, unknown> | undefined; keyed: boolean } {
  let keyed = false;
  let copy: Record<string, unknown> | undefined;
  for (const [name, type] of Object.entries(variableTypes)) {
    const value = variables?.[name];
    if (!idempotentTypes.includes(type) || !value || typeof value !== 'object' || Array.isArray(value)) continue;
    keyed = true;
    const given = (value as { idempotencyKey?: unknown }).idempotencyKey;
    if (typeof given === 'string' && given !== '') continue;
    copy ??= { ...variables };
    copy[name] = { ...value, idempotencyKey: newIdempotencyKey() };
  }
  return { variables: copy ?? variables, keyed };
}
