import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BreakingChange, buildSchema, findBreakingChanges, GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * Breaking schema changes against the last released schema.
 *
 * schema/released.graphql is the schema of the last SDK release; schema/schema.graphql
 * is what the server serves now (`npm run schema:print`). Every breaking change
 * between them (graphql-js findBreakingChanges) must be acknowledged in
 * schema/breaking-changes.md under "Acknowledged (unreleased)", as a line
 * `- <the change as printed here> — <why, and what integrators must change>`.
 * At a release, schema.graphql is copied to released.graphql and the
 * acknowledged lines move under that release's heading (see that file).
 */

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** A change as the acknowledgement must name it. */
const describeChange = (change: BreakingChange) => `${change.type}: ${change.description}`;

/** The lines of the "Acknowledged (unreleased)" section. */
function acknowledged(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Acknowledged (unreleased)')) ?? '';
  return section.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2).split(' — ')[0].trim());
}

function review(released: GraphQLSchema, current: GraphQLSchema, markdown: string) {
  const changes = findBreakingChanges(released, current).map(describeChange);
  const known = acknowledged(markdown);
  return { unacknowledged: changes.filter((c) => !known.includes(c)), stale: known.filter((k) => !changes.includes(k)) };
}

describe('breaking changes against schema/released.graphql', () => {
  it('none that schema/breaking-changes.md does not acknowledge', () => {
    const { unacknowledged, stale } = review(buildSchema(read('schema/released.graphql')), buildSchema(read('schema/schema.graphql')), read('schema/breaking-changes.md'));
    expect(
      unacknowledged,
      `Breaking changes to the public schema. Keep the old field or type (deprecate it), or acknowledge each line in schema/breaking-changes.md:\n${unacknowledged.map((c) => `- ${c} — <why; what integrators change>`).join('\n')}\n`,
    ).toEqual([]);
    expect(stale, 'acknowledged in schema/breaking-changes.md but no longer a breaking change: remove the line').toEqual([]);
  });

  it('the check itself: a removed field, a changed type and a new required argument are found, and pass once acknowledged', () => {
    const released = buildSchema('type Query { node(id: ID!): String, complaint(id: ID!): String, count: Int, list(first: Int): [String] }');
    const current = buildSchema('type Query { node(id: ID!): String, count: String, list(first: Int, region: String!): [String] }');
    const { unacknowledged } = review(released, current, '');
    expect(unacknowledged).toEqual([
      'FIELD_REMOVED: Query.complaint was removed.',
      'FIELD_CHANGED_KIND: Query.count changed type from Int to String.',
      'REQUIRED_ARG_ADDED: A required arg region on Query.list was added.',
    ]);
    const markdown = `## Acknowledged (unreleased)\n\n${unacknowledged.map((c) => `- ${c} — renamed in 2.0`).join('\n')}\n\n## Released\n`;
    expect(review(released, current, markdown)).toEqual({ unacknowledged: [], stale: [] });
    expect(review(released, released, markdown).stale).toHaveLength(3);
  });
});
