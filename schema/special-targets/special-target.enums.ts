import { registerEnumType } from 'type-graphql';

export enum AssessmentMethod {
  TARGET_ASSESSMENT = 'TARGET_ASSESSMENT',
  PERFORMANCE_EVALUATION = 'PERFORMANCE_EVALUATION',
  REGULAR_BULLETIN = 'REGULAR_BULLETIN',
  ROUTINE_SPOT_CHECK = 'ROUTINE_SPOT_CHECK',
  ON_SITE_VERIFICATION = 'ON_SITE_VERIFICATION',
}
registerEnumType(AssessmentMethod, { name: 'AssessmentMethod', description: '目标考核, 绩效评估, 定期通报, 日常抽查, 实地核查.' });

/** The plan's own words for the assessment-method column. */
export const ASSESSMENT_METHOD_LABELS: Record<string, AssessmentMethod> = {
  目标考核: AssessmentMethod.TARGET_ASSESSMENT,
  绩效评估: AssessmentMethod.PERFORMANCE_EVALUATION,
  定期通报: AssessmentMethod.REGULAR_BULLETIN,
  日常抽查: AssessmentMethod.ROUTINE_SPOT_CHECK,
  实地核查: AssessmentMethod.ON_SITE_VERIFICATION,
};
