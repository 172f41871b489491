import { allow, and, deny, or } from 'graphql-shield';
import { Permission, PERMISSIONS, RULES } from '../auth/permissions';
import { Role } from '../auth/principal';
import { RULE_MAP } from '../graphql/shield';

/**
 * Who may read a field, derived from the permission layer itself (RULE_MAP in
 * graphql/shield.ts, built from the catalogue in auth/permissions.ts), never
 * written by hand: the reference says what the server enforces, and
 * test/access/role-matrix.spec.ts proves the server enforces it.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'nobody' }
  /** Any of these permissions suffices. */
  | { kind: 'any'; permissions: Permission[] }
  /** Every one of these is needed (no field uses it today; kept so a new rule cannot be misread). */
  | { kind: 'all'; permissions: Permission[] };

const RuleOrClass = or(allow, allow).constructor;
const RuleAndClass = and(allow, allow).constructor;
const PERMISSION_OF = new Map<unknown, Permission>(Object.entries(RULES).map(([name, rule]) => [rule, name as Permission]));

/** The access a rule of RULE_MAP grants, or undefined for a rule this module cannot read (a test fails on that). */
export function accessOf(rule: unknown): Access | undefined {
  if (rule === allow) return { kind: 'public' };
  if (rule === deny || rule === undefined) return { kind: 'nobody' };
  const permission = PERMISSION_OF.get(rule);
  if (permission) return { kind: 'any', permissions: [permission] };
  if (rule instanceof RuleOrClass || rule instanceof RuleAndClass) {
    const parts = (rule as unknown as { getRules(): unknown[] }).getRules().map(accessOf);
    if (parts.some((part) => part === undefined)) return undefined;
    const any = rule instanceof RuleOrClass;
    if (any && parts.some((part) => part!.kind === 'public')) return { kind: 'public' };
    const permissions = parts.flatMap((part) => (part!.kind === 'any' || part!.kind === 'all' ? part!.permissions : []));
    return { kind: any ? 'any' : 'all', permissions: [...new Set(permissions)] };
  }
  return undefined;
}

/** The rule of `Type.field` in RULE_MAP (a rule for the whole type, or the field's own); deny when absent, as served. */
export function ruleOf(typeName: string, fieldName: string): unknown {
  const rules = (RULE_MAP as Record<string, unknown>)[typeName];
  if (rules && typeof rules === 'object' && Object.getPrototypeOf(rules) === Object.prototype) {
    return (rules as Record<string, unknown>)[fieldName] ?? deny;
  }
  return rules ?? deny;
}

/** Whether the type's fields have one rule for all (true), or rules of their own (false). */
export function hasTypeWideRule(typeName: string): boolean {
  const rules = (RULE_MAP as Record<string, unknown>)[typeName];
  return !(rules && typeof rules === 'object' && Object.getPrototypeOf(rules) === Object.prototype);
}

export function fieldAccess(typeName: string, fieldName: string): Access {
  const access = accessOf(ruleOf(typeName, fieldName));
  if (!access) throw new Error(`api-reference: the permission rule of ${typeName}.${fieldName} is not one of auth/permissions.ts's RULES (or or/and of them)`);
  return access;
}

export function describePermission(permission: Permission): string {
  return PERMISSIONS[permission];
}

export const PUBLIC_DESCRIPTION = PERMISSIONS.public;

/** The permission that is exactly a role (auth/permissions.ts's RULES); a new role fails to compile here until it has one. */
const ROLE_PERMISSION: Record<Role, Permission> = { [Role.HANDLER]: 'handler', [Role.INTAKE]: 'intake', [Role.BANK]: 'bank', [Role.AUDITOR]: 'auditor' };

/** Whether any client with a token may call it (so it never answers FORBIDDEN): `authenticated`, or every role. */
export function everyClient(access: Access): boolean {
  if (access.kind !== 'any') return false;
  return access.permissions.includes('authenticated') || Object.values(ROLE_PERMISSION).every((p) => access.permissions.includes(p));
}
