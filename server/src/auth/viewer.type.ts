import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Organisation } from '../organisations/organisation.type';
import { Officer } from '../officers/officer.type';
import { Role } from './principal';

registerEnumType(Role, {
  name: 'Role',
  description: "What a client may do, from its organisation's kind.",
  valuesConfig: {
    HANDLER: { description: 'Handles complaints in its jurisdiction, at its tier and below.' },
    INTAKE: { description: 'Submits complaints and reads those it submitted.' },
    BANK: { description: 'Reports disbursement issues; reads its reports and complaints referred to it.' },
    AUDITOR: { description: 'Reads everything, changes nothing; reads of full NIKs are logged.' },
  },
});

@ObjectType('Viewer', { description: 'The calling API client: its organisation, role and jurisdiction. Requires a token.' })
export class Viewer {
  @Field({ description: 'The client_id it authenticated with.' })
  clientId: string;

  @Field(() => Organisation, { description: 'The organisation the client belongs to.' })
  organisation: Organisation;

  @Field(() => Role, { description: 'What it may do.' })
  role: Role;

  @Field(() => String, { nullable: true, description: 'For handlers, the region code it covers; null for the ministry (all of Indonesia) and for non-handlers.' })
  jurisdictionCode: string | null;

  @Field({ description: "Whether it may manage organisations, API clients and keys (the ministry's administrators)." })
  administrator: boolean;

  @Field(() => Officer, { nullable: true, description: 'The officer of the organisation the client acts for, with an officer token from the token exchange (docs/adr/0030-officers.md); null with a plain client token.' })
  officer: Officer | null;
}
