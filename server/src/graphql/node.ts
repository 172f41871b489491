import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * The Relay `Node` interface: every object with an identity implements it and
 * can be fetched again with `node(id)`. Implementing types are classes built by
 * their `from…` mappers, so GraphQL tells them apart by class.
 */
@InterfaceType('Node', { description: 'An object with a global, opaque identifier that `node(id)` and `nodes(ids)` accept.' })
export abstract class Node {
  @Field(() => ID, { description: 'The global identifier: opaque, stable, and accepted by `node(id)`.' })
  id: string;
}
