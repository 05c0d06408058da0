import { registerEnumType } from 'type-graphql';

/**
 * The rectification loop (评价—整改—反馈, issue 15): OPEN → IN_PROGRESS → DONE → VERIFIED, or DONE →
 * IN_PROGRESS when the evaluation office does not accept it. Moved by advanceRectification only.
 */
export enum RectificationStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  VERIFIED = 'VERIFIED',
}
registerEnumType(RectificationStatus, { name: 'RectificationStatus' });

/** Who a feedback entry under a rectification comes from. */
export enum FeedbackSource {
  OFFICE = 'OFFICE',
  DEPARTMENT = 'DEPARTMENT',
  PUBLIC = 'PUBLIC',
}
registerEnumType(FeedbackSource, { name: 'FeedbackSource', description: 'OFFICE: the evaluation office; DEPARTMENT: a lead or supporting department; PUBLIC: a citizen comment, copied in once moderated.' });
