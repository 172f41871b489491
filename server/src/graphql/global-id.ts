import { UUID } from '../common/uuid';

/**
 * Global object ids: opaque to clients (base64url of `Type:key`), so that
 * `node(id)` can fetch any object and keys can change form without breaking
 * integrations. Decoding never throws: a malformed id is simply not found.
 */
export function toGlobalId(typeName: string, key: string): string {
  return Buffer.from(`${typeName}:${key}`, 'utf8').toString('base64url');
}

export function fromGlobalId(id: string): { typeName: string; key: string } | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0 || separator === decoded.length - 1) return null;
  return { typeName: decoded.slice(0, separator), key: decoded.slice(separator + 1) };
}

/** The key of a global id of the given type when it is a UUID, or null (malformed ids are simply not found). */
export function uuidOf(globalId: string, typeName: string): string | null {
  const decoded = fromGlobalId(globalId);
  return decoded?.typeName === typeName && UUID.test(decoded.key) ? decoded.key : null;
}
