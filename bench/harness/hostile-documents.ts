/**
 * The documents of issue 15's hostile-traffic findings, built by size: the
 * security suite (test/security/) sends them to the production server, and
 * bench/hostile-latency.ts sends them in a loop to see what they do to a
 * trivial public query. Each is one a tokenless caller may send.
 */

/** Complaint fields a selection may name without arguments: 17 leaves and 5 small objects. */
const COMPLAINT_LEAVES = 'id trackingCode status category currentTier description occurredOn dueAt resolutionDecision resolvedAt version createdAt updatedAt statusLabel slaState assignedOfficerName subjectNik';
const COMPLAINT_OBJECTS = 'program { code name } channel { code name } region { code name } assignedTo { id name } submittedBy { id name }';
/** Levels of `appealOf`/`duplicateOf` below the first complaint: with `node` and `program { code }` a depth of 9, inside the limit of 10. */
const LEVELS = 6;

/**
 * Finding 1: `node(id: "x") { ... on Complaint { … appealOf { … } duplicateOf { … } } }`
 * nested 7 complaints deep, 127 complaints' worth of fields (cost 4,191, depth 9: inside
 * every limit), written with one fragment per level so that the document is 2.5 KB,
 * ~200 fields and ~600 tokens, far inside the document limits, while the operation that
 * runs selects 4,191 fields. `n` makes each document distinct (the operation's name).
 * Every answer is `{"data":{"node":null}}`: the id names nothing.
 */
export function nestedComplaintDocument(n: number): string {
  const fragments = Array.from({ length: LEVELS + 1 }, (_, level) =>
    `fragment L${level} on Complaint { ${COMPLAINT_LEAVES} ${COMPLAINT_OBJECTS}${level ? ` appealOf { ...L${level - 1} } duplicateOf { ...L${level - 1} }` : ''} }`);
  return `query Q${n} { node(id: "x") { ... on Complaint { ...L${LEVELS} } } }\n${fragments.join('\n')}`;
}

/**
 * The same shape two levels deep: 7 complaints, 231 fields selected, few enough
 * to be compiled when a client repeats it (COMPILATION.maxFields). Distinct per `n`.
 */
export function compilableComplaintDocument(n: number): string {
  const fragments = Array.from({ length: 3 }, (_, level) =>
    `fragment C${level} on Complaint { ${COMPLAINT_LEAVES} ${COMPLAINT_OBJECTS}${level ? ` appealOf { ...C${level - 1} } duplicateOf { ...C${level - 1} }` : ''} }`);
  return `query C${n} { node(id: "x") { ... on Complaint { ...C2 } } }\n${fragments.join('\n')}`;
}

/** The same operation written out (the issue's form): 39 KB, 5,729 tokens. */
export function inlineNestedComplaintDocument(n: number): string {
  const selection = (level: number): string =>
    `${COMPLAINT_LEAVES} ${COMPLAINT_OBJECTS}${level ? ` appealOf { ${selection(level - 1)} } duplicateOf { ${selection(level - 1)} }` : ''}`;
  return `query Q${n} { node(id: "x") { ... on Complaint { ${selection(LEVELS)} } } }`;
}

/** Finding 2: `{ programs { code } programs { code } … }`, `count` times (the issue's: 55,000). */
export function manyFieldsDocument(count: number): string {
  return `{ ${'programs { code } '.repeat(count)}}`;
}

/** Finding 2: `{ programs { code @include(if: true) @include(if: true) … } }`, `count` directives on one field (the issue's: 50,000, 950 KB). */
export function manyDirectivesDocument(count: number): string {
  return `{ programs { code ${'@include(if: true) '.repeat(count)}} }`;
}

/** Finding 2: `{ programs { code } }` and `count` fragments nothing spreads (the issue's: 20,000). */
export function unusedFragmentsDocument(count: number): string {
  return `{ programs { code } } ${Array.from({ length: count }, (_, i) => `fragment F${i} on Query { __typename }`).join(' ')}`;
}

/** Finding 2: one field and a long list value, `ids` of them: tokens without fields, directives or fragments. */
export function manyTokensDocument(ids: number): string {
  return `{ nodes(ids: [${'"x" '.repeat(ids)}]) { id } }`;
}

/** The trivial public query whose latency the hostile documents are measured against. */
export const TRIVIAL_PUBLIC_QUERY = '{ programs { code } }';
