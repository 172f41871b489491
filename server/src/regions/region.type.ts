import { Field, ObjectType } from 'type-graphql';
import { RegionLevel, TimeZone } from '../common/enums';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { RegionEntity } from './region.entity';

@ObjectType('Region', {
  implements: Node,
  description: 'A Kemendagri administrative region: province `32`, district/city `32.73`, sub-district `32.73.01` or village `32.73.01.1001`. Public.',
})
export class Region extends Node {
  @Field({ description: 'The Kemendagri code, dotted: `32.73.01.1001`. Its prefixes are its ancestors.' })
  code: string;

  @Field({ description: 'The official name, e.g. "Kota Bandung" or "Sukarasa".' })
  name: string;

  @Field(() => RegionLevel, { description: 'Province, district/city, sub-district or village.' })
  level: RegionLevel;

  @Field(() => String, { nullable: true, description: 'KOTA or KABUPATEN for a district/city; KELURAHAN or DESA for a village; null otherwise.' })
  kind: string | null;

  @Field(() => TimeZone, { description: 'The time zone (WIB, WITA, WIT) in which working days are counted for complaints here.' })
  timeZone: TimeZone;

  @Field({
    description: 'Whether the region is in the current Kemendagri register. False for a region a newer release of the register no longer has '
      + '(merged, split or renumbered): it is kept, because complaints, recipients and offices may point at it, but `regions` lists it only when asked '
      + '(`includeRetired`), and new records should use the current code.',
  })
  current: boolean;

  /** Not a GraphQL field: `parent` resolves it. */
  parentCode: string | null;

  static from(entity: RegionEntity): Region {
    return Object.assign(new Region(), {
      id: toGlobalId('Region', entity.code),
      code: entity.code,
      name: entity.name,
      level: entity.level,
      kind: entity.kind,
      timeZone: entity.timeZone,
      parentCode: entity.parentCode,
      current: entity.retiredAt == null,
    });
  }
}
