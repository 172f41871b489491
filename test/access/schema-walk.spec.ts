import { isIntrospectionType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAduanSchema } from '../../server/src/graphql/schema';
import { RULE_MAP } from '../../server/src/graphql/shield';

/**
 * Deny by default, and a missing rule must fail here rather than in production:
 * every field of every object type has an explicit rule (for the field, or for
 * its whole type), and no rule names something the schema does not have.
 */
describe('permission rules cover the whole schema', () => {
  it('every object type field has an explicit rule', async () => {
    const schema = await buildAduanSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || isIntrospectionType(type)) continue;
      const rules = (RULE_MAP as Record<string, unknown>)[type.name];
      if (rules === undefined) {
        missing.push(`${type.name} (whole type)`);
        continue;
      }
      const isFieldMap = typeof rules === 'object' && rules !== null && !('resolve' in rules) && Object.getPrototypeOf(rules) === Object.prototype;
      if (!isFieldMap) continue; // one rule for the whole type
      for (const field of Object.keys(type.getFields())) {
        if (!(field in (rules as Record<string, unknown>))) missing.push(`${type.name}.${field}`);
      }
    }
    expect(missing, 'fields without a permission rule (add them to RULE_MAP in server/src/graphql/shield.ts)').toEqual([]);
  });

  it('no rule names a type or field the schema lacks', async () => {
    const schema = await buildAduanSchema();
    const stale: string[] = [];
    for (const [typeName, rules] of Object.entries(RULE_MAP)) {
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) { stale.push(typeName); continue; }
      if (typeof rules === 'object' && rules !== null && Object.getPrototypeOf(rules) === Object.prototype) {
        for (const field of Object.keys(rules)) if (!type.getFields()[field]) stale.push(`${typeName}.${field}`);
      }
    }
    expect(stale).toEqual([]);
  });
});
