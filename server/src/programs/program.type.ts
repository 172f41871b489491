import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { ProgramEntity } from './program.entity';

export enum BenefitForm {
  CASH = 'CASH',
  NON_CASH = 'NON_CASH',
  CONTRIBUTION = 'CONTRIBUTION',
}

registerEnumType(BenefitForm, {
  name: 'BenefitForm',
  description: 'How a programme delivers its benefit.',
  valuesConfig: {
    CASH: { description: 'Money transferred to the family (e.g. PKH, BST, BLT-DD).' },
    NON_CASH: { description: 'An electronic voucher for food at agents (e.g. BPNT / Kartu Sembako).' },
    CONTRIBUTION: { description: 'A contribution paid on the family’s behalf (e.g. PBI-JK health insurance premiums).' },
  },
});

@ObjectType('Program', { implements: Node, description: 'A social-assistance programme (PKH, BPNT, BST, BLT_DD, PBI_JK …). Public.' })
export class Program extends Node {
  @Field({ description: 'The code used in inputs, e.g. `PKH`.' })
  code: string;

  @Field({ description: 'The full name, e.g. "Program Keluarga Harapan".' })
  name: string;

  @Field({ description: 'What the programme gives, and to whom.' })
  description: string;

  @Field({ description: 'The unit that runs it.' })
  managingUnit: string;

  @Field(() => BenefitForm, { description: 'Cash, non-cash voucher, or contribution.' })
  benefitForm: BenefitForm;

  @Field(() => Int, { description: 'Disbursement stages (tahap) in a year.' })
  stagesPerYear: number;

  @Field({ description: 'Whether complaints can be filed against it now.' })
  active: boolean;

  static from(entity: ProgramEntity): Program {
    return Object.assign(new Program(), {
      id: toGlobalId('Program', entity.code),
      code: entity.code,
      name: entity.name,
      description: entity.description,
      managingUnit: entity.managingUnit,
      benefitForm: entity.benefitForm as BenefitForm,
      stagesPerYear: entity.stagesPerYear,
      active: entity.active,
    });
  }
}
