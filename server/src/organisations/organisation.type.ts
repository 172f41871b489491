import { Field, ObjectType } from 'type-graphql';
import { OrganisationKind, Tier } from '../common/enums';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { OrganisationEntity } from './organisation.entity';

@ObjectType('Organisation', {
  implements: Node,
  description: 'A party that calls the API or handles complaints: a social office, the ministry, a bank, an NGO, a portal or an auditor. Visible to authenticated clients.',
})
export class Organisation extends Node {
  @Field({ description: 'The official name.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Its stable key in the offices CSV (e.g. dinsos-3273), by which a re-run finds it again; null for organisations registered one by one.' })
  code: string | null;

  @Field(() => OrganisationKind, { description: 'Ministry, social office, bank, NGO, portal or auditor.' })
  kind: OrganisationKind;

  @Field(() => Tier, { nullable: true, description: 'The tier it handles complaints at; null for organisations that do not handle them.' })
  tier: Tier | null;

  @Field(() => String, { nullable: true, description: 'The region it has jurisdiction over (code); null for the ministry (all of Indonesia) and for non-handlers.' })
  jurisdictionCode: string | null;

  @Field(() => String, { nullable: true, description: 'For banks, the short code used in disbursement data (BRI, BNI …).' })
  bankCode: string | null;

  static from(entity: OrganisationEntity): Organisation {
    return Object.assign(new Organisation(), {
      id: toGlobalId('Organisation', entity.id),
      name: entity.name,
      code: entity.code ?? null,
      kind: entity.kind,
      tier: entity.tier,
      jurisdictionCode: entity.jurisdictionRegionCode,
      bankCode: entity.bankCode,
    });
  }
}
