import { Field, InputType, ObjectType } from 'type-graphql';
import { OFFICER_ID_MAX, OFFICER_NAME_MAX } from './officers';

@ObjectType('Officer', { description: 'A person of an organisation, as that organisation’s own sign-in names them (docs/adr/0030-officers.md): its id for them and a display name, nothing more.' })
export class Officer {
  @Field(() => String, { description: 'The organisation’s own id for the officer (the subject of its sign-in).' })
  id: string;

  @Field(() => String, { description: 'The officer’s display name as the organisation gave it (at the time, on a timeline event).' })
  name: string;

  static of(id: string, name: string): Officer {
    return Object.assign(new Officer(), { id, name });
  }
}

@InputType({ description: 'An officer of the office a complaint is assigned to, as that office’s sign-in names them.' })
export class OfficerInput {
  @Field(() => String, { description: `The office’s own id for the officer (1–${OFFICER_ID_MAX} characters).` })
  id: string;

  @Field(() => String, { description: `The officer’s display name (1–${OFFICER_NAME_MAX} characters).` })
  name: string;
}
