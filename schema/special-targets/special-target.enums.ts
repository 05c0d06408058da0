import { registerEnumType } from 'type-graphql';

export enum AssessmentMethod {
  TARGET_ASSESSMENT = 'TARGET_ASSESSMENT',
  PERFORMANCE_EVALUATION = 'PERFORMANCE_EVALUATION',
  REGULAR_BULLETIN = 'REGULAR_BULLETIN',
  ROUTINE_SPOT_CHECK = 'ROUTINE_SPOT_CHECK',
  ON_SITE_VERIFICATION = 'ON_SITE_VERIFICATION',
}
registerEnumType(AssessmentMethod, { name: 'AssessmentMethod', description: '目标考核, 绩效评估, 定期通报, 日常抽查, 实地核查.' });

