import { applyDecorators } from './decorators';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SEQ_RULE, YEAR_RULE, type NumberRule } from './number-rules';

/** A required, non-blank text of at most `max` characters. */
export const RequiredText = (field: string, max: number) =>
  applyDecorators(IsString(), Matches(/\S/, { message: `${field} must not be empty` }), MaxLength(max, { message: `${field} must be at most ${max} characters` }));

/** The same, for patches: absent is fine, blank is not. */
export const OptionalText = (field: string, max: number) => applyDecorators(IsOptional(), RequiredText(field, max));

export const Seq = () =>
  applyDecorators(IsInt({ message: 'seq must be a positive integer' }), Min(SEQ_RULE.min, { message: 'seq must be a positive integer' }), Max(SEQ_RULE.max, { message: `seq must be at most ${SEQ_RULE.max}` }));
export const Year = (field: string) =>
  applyDecorators(IsInt({ message: YEAR_RULE.message(field) }), Min(YEAR_RULE.min, { message: YEAR_RULE.message(field) }), Max(YEAR_RULE.max, { message: YEAR_RULE.message(field) }));

// ---- numeric bounds (issue 10, item 2): the same rules the grid and the add-row form check -----------
/** An optional number within a rule's bounds (e.g. GROWTH_PCT_RULE), refused with the rule's words. */
export const BoundedNumber = (field: string, rule: NumberRule) =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: rule.message(field) }),
    Min(rule.min, { message: rule.message(field) }),
    Max(rule.max, { message: rule.message(field) }),
  );
