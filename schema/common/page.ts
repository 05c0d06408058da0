import { Field, Int, ObjectType, type ClassType } from 'type-graphql';

/** `{ items, totalCount }` for one listed type: totalCount counts every match, not just this page. */
export function Page<T extends object>(itemType: ClassType<T>, name: string) {
  @ObjectType(name)
  class PageClass {
    @Field(() => [itemType])
    items!: T[];

    @Field(() => Int)
    totalCount!: number;
  }
  return PageClass;
}
