import { describe, expect, it } from 'vitest';
import { useProductionServer } from './production-server';

/**
 * Finding 4 of issue 15: with introspection off, graphql-js's "Did you mean …?"
 * still handed out the schema one typo at a time (clairvoyance rebuilt 69 of
 * 183 types from them). In production no error may suggest a name: one request
 * per rule that suggests, each still saying what is wrong with what the caller
 * wrote (docs/adr/0020-production-errors-name-no-schema.md).
 */
describe('no schema suggestions in production errors', () => {
  const server = useProductionServer();

  const cases: { rule: string; query: string; variables?: Record<string, unknown>; message: RegExp; code: string }[] = [
    { rule: 'a misspelt field', query: '{ programs { cod } }', message: /^Cannot query field "cod" on type "Program"\.$/, code: 'GRAPHQL_VALIDATION_FAILED' },
    { rule: 'a field of an interface only its implementations have', query: '{ node(id: "x") { code } }', message: /^Cannot query field "code" on type "Node"\.$/, code: 'GRAPHQL_VALIDATION_FAILED' },
    { rule: 'a misspelt argument', query: '{ trackComplaint(trackingCode: "x", trackingCod: "x") { status } }', message: /^Unknown argument "trackingCod" on field "Query\.trackComplaint"\.$/, code: 'GRAPHQL_VALIDATION_FAILED' },
    { rule: 'a misspelt directive argument', query: '{ programs { code @include(if: true, iff: true) } }', message: /^Unknown argument "iff" on directive "@include"\.$/, code: 'GRAPHQL_VALIDATION_FAILED' },
    { rule: 'a misspelt type', query: 'query Q($s: ComplaintStatu) { complaints(filter: { status: [$s] }) { totalCount } }', message: /^Unknown type "ComplaintStatu"\.$/, code: 'GRAPHQL_VALIDATION_FAILED' },
    { rule: 'a misspelt enum value in the document', query: '{ complaints(filter: { status: [RECIEVED] }) { totalCount } }', message: /^Value "RECIEVED" does not exist in "ComplaintStatus" enum\.$/, code: 'GRAPHQL_VALIDATION_FAILED' },
    { rule: 'a misspelt input field in the document', query: '{ publicComplaintStatistics(filter: { mont: "2026-01" }) { total { display } } }', message: /^Field "mont" is not defined by type "PublicComplaintStatisticsFilter"\.$/, code: 'GRAPHQL_VALIDATION_FAILED' },
    { rule: 'a selection missing under an object field', query: '{ programs }', message: /^Field "programs" of type "\[Program!\]!" must have a selection of subfields\.$/, code: 'GRAPHQL_VALIDATION_FAILED' },
    {
      rule: 'a misspelt enum value in the variables',
      query: 'query Q($filter: ComplaintFilter) { complaints(filter: $filter) { totalCount } }',
      variables: { filter: { status: ['RECIEVED'] } },
      message: /^Variable "\$filter" got invalid value "RECIEVED" at "filter\.status\[0\]"; Value "RECIEVED" does not exist in "ComplaintStatus" enum\.$/,
      code: 'BAD_USER_INPUT',
    },
    {
      rule: 'a misspelt input field in the variables',
      query: 'query Q($filter: PublicComplaintStatisticsFilter) { publicComplaintStatistics(filter: $filter) { total { display } } }',
      variables: { filter: { mont: '2026-01' } },
      message: /^Variable "\$filter" got invalid value \{ mont: "2026-01" \}; Field "mont" is not defined by type "PublicComplaintStatisticsFilter"\.$/,
      code: 'BAD_USER_INPUT',
    },
  ];

  it.each(cases)('$rule: the error says what is wrong, and suggests nothing', async ({ query, variables, message, code }) => {
    // graphql-js's own words, alone in English; in Bahasa Indonesia (the default) after a sentence saying what kind of refusal it is.
    const answer = await server.post({ query, variables }, { 'accept-language': 'en' });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.text).not.toMatch(/did you mean/i);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0].message).toMatch(message);
    expect(answer.body.errors[0].extensions.code).toBe(code);
    const indonesian = await server.post({ query, variables });
    expect(indonesian.text).not.toMatch(/did you mean/i);
    expect(indonesian.body.errors[0].message).toMatch(/^(Kueri tidak sesuai dengan skema API|Masukan tidak valid): /);
    expect(indonesian.body.errors[0].message.endsWith(answer.body.errors[0].message)).toBe(true);
    expect(indonesian.body.errors[0].extensions.code).toBe(code);
  });
});
