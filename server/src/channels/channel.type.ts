import { Field, ObjectType } from 'type-graphql';
import { ChannelKind } from '../common/enums';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { ChannelEntity } from './channel.entity';

@ObjectType('Channel', { implements: Node, description: 'A way complaints reach Aduan: a hotline, WhatsApp, a service point, a bank report … Public.' })
export class Channel extends Node {
  @Field({ description: 'The code used in inputs, e.g. `WHATSAPP`.' })
  code: string;

  @Field({ description: 'The name people know it by.' })
  name: string;

  @Field(() => ChannelKind, { description: 'Phone, messaging, e-mail, web, service point …' })
  kind: ChannelKind;

  @Field({ description: 'Who it is for and how it works.' })
  description: string;

  @Field(() => String, { nullable: true, description: 'A number, address or URL to use; null where there is none (e.g. bank reports).' })
  contact: string | null;

  @Field(() => String, { nullable: true, description: 'When it answers, e.g. "Senin–Jumat 08.00–17.00 WIB"; null means always.' })
  serviceHours: string | null;

  @Field({ description: 'Whether it takes complaints now.' })
  active: boolean;

  /** Not a GraphQL field: `operatorName` resolves it. */
  operatorOrganisationId: string | null;

  static from(entity: ChannelEntity): Channel {
    return Object.assign(new Channel(), {
      id: toGlobalId('Channel', entity.code),
      code: entity.code,
      name: entity.name,
      kind: entity.kind,
      description: entity.description,
      contact: entity.contact,
      serviceHours: entity.serviceHours,
      active: entity.active,
      operatorOrganisationId: entity.operatorOrganisationId,
    });
  }
}
