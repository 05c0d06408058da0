import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Facts about this hub as a whole.' })
export class HubInfo {
  @Field(() => Boolean, {
    description: 'true while the demo data set (npm run seed -- --demo) is loaded: its ledger entries and base values are invented for trying the hub, not real figures. Remove it with npm run seed -- --demo --remove.',
  })
  demoData!: boolean;
}
