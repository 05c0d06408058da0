import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IndicatorPatch } from '../indicators/indicator.inputs';
import { SpecialTargetPatch } from '../special-targets/special-target.inputs';
import { RectificationPatch } from '../rectifications/rectification.inputs';
import { InnovationTopicPatch } from '../innovation-topics/innovation-topic.inputs';
import { StandardPatch } from '../standards/standard.inputs';
import { DepartmentPatch } from '../departments/department.inputs';
import { Indicator } from '../indicators/indicator.entity';
import { SpecialTarget } from '../special-targets/special-target.entity';
import { Rectification } from '../rectifications/rectification.entity';
import { InnovationTopic } from '../innovation-topics/innovation-topic.entity';
import { Standard } from '../standards/standard.entity';
import { Department } from '../departments/department.entity';

function Edit<P extends object>(patchType: new () => P, name: string) {
  @InputType(name)
  class EditClass {
    @Field(() => ID)
    id!: string;

    @Field(() => Int, { nullable: true, description: 'The version the editor saw; a stale one refuses the whole batch.' })
    expectedVersion?: number | null;

    @Field(() => patchType)
    @ValidateNested()
    patch!: P;
  }
  return EditClass;
}

export const IndicatorEdit = Edit(IndicatorPatch, 'IndicatorEdit');
export const SpecialTargetEdit = Edit(SpecialTargetPatch, 'SpecialTargetEdit');
export const RectificationEdit = Edit(RectificationPatch, 'RectificationEdit');
export const InnovationTopicEdit = Edit(InnovationTopicPatch, 'InnovationTopicEdit');
export const StandardEdit = Edit(StandardPatch, 'StandardEdit');
export const DepartmentEdit = Edit(DepartmentPatch, 'DepartmentEdit');

type EditOf<P> = { id: string; expectedVersion?: number | null; patch: P };

@InputType({ description: 'Row edits across any tables, saved as one all-or-nothing transaction (e.g. a paste from Excel).' })
export class BatchEditInput {
  @Field(() => [IndicatorEdit], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) @ValidateNested({ each: true })
  indicators?: EditOf<IndicatorPatch>[];

  @Field(() => [SpecialTargetEdit], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) @ValidateNested({ each: true })
  specialTargets?: EditOf<SpecialTargetPatch>[];

  @Field(() => [RectificationEdit], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) @ValidateNested({ each: true })
  rectifications?: EditOf<RectificationPatch>[];

  @Field(() => [InnovationTopicEdit], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) @ValidateNested({ each: true })
  innovationTopics?: EditOf<InnovationTopicPatch>[];

  @Field(() => [StandardEdit], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) @ValidateNested({ each: true })
  standards?: EditOf<StandardPatch>[];

  @Field(() => [DepartmentEdit], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) @ValidateNested({ each: true })
  departments?: EditOf<DepartmentPatch>[];
}

@ObjectType({ description: 'The saved rows of a batch, in the order given.' })
export class BatchEditResult {
  @Field(() => [Indicator]) indicators!: Indicator[];
  @Field(() => [SpecialTarget]) specialTargets!: SpecialTarget[];
  @Field(() => [Rectification]) rectifications!: Rectification[];
  @Field(() => [InnovationTopic]) innovationTopics!: InnovationTopic[];
  @Field(() => [Standard]) standards!: Standard[];
  @Field(() => [Department]) departments!: Department[];
}
