import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { ComplaintCategory } from '../common/enums';
import { CONFLICT_OF_INTEREST_CATEGORIES } from '../complaints/complaint-scope';
import type { RequestContext } from '../graphql/context';
import { Locale, say, words } from '../words';
import { AidPrinciple, CATEGORY_PRINCIPLES } from './aid-principle';

@ObjectType('ComplaintCategoryInfo', { description: 'A complaint category as a person reads it: its labels, what it covers and its 6T principles. Public, so that no portal hard-codes the list.' })
export class ComplaintCategoryInfo {
  @Field(() => ComplaintCategory, { description: 'The value `submitComplaint` takes.' })
  code: ComplaintCategory;

  @Field({ description: 'The label in the caller’s language (Accept-Language: Bahasa Indonesia unless English is asked for).' })
  label: string;

  @Field({ description: 'The label in Bahasa Indonesia, e.g. "Pungutan liar".' })
  labelId: string;

  @Field({ description: 'The label in English, e.g. "Illegal levy".' })
  labelEn: string;

  @Field({ description: 'One sentence on what the category covers, in the caller’s language.' })
  description: string;

  @Field(() => [AidPrinciple], { description: 'The 6T principles a complaint of this category says were broken; empty for categories about conduct, questions or anything else.' })
  principles: AidPrinciple[];

  @Field({ description: 'true for complaints about the conduct of frontline officials: they skip the village tier, are confidential by default, and village offices never see them.' })
  bypassesVillage: boolean;
}

/** Every category, in the order of the enum (the order intake forms show them). */
export function complaintCategories(locale: Locale): ComplaintCategoryInfo[] {
  return Object.values(ComplaintCategory).map((category) => {
    const label = words('category.label', { category });
    return Object.assign(new ComplaintCategoryInfo(), {
      code: category,
      label: label[locale],
      labelId: label.id,
      labelEn: label.en,
      description: say(locale, 'category.description', { category }),
      principles: [...CATEGORY_PRINCIPLES[category]],
      bypassesVillage: CONFLICT_OF_INTEREST_CATEGORIES.includes(category),
    });
  });
}

@Resolver(() => ComplaintCategoryInfo)
export class ComplaintCategoryResolver {
  @Query(() => [ComplaintCategoryInfo], { description: 'The complaint categories with their Indonesian and English labels, descriptions and 6T principles. Public.' })
  complaintCategories(@Ctx() ctx: RequestContext): ComplaintCategoryInfo[] {
    return complaintCategories(ctx.locale);
  }
}
