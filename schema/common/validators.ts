import { applyDecorators } from './decorators';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A required, non-blank text of at most `max` characters. */
export const RequiredText = (field: string, max: number) =>
  applyDecorators(IsString(), Matches(/\S/, { message: `${field} must not be empty` }), MaxLength(max, { message: `${field} must be at most ${max} characters` }));

/** The same, for patches: absent is fine, blank is not. */
export const OptionalText = (field: string, max: number) => applyDecorators(IsOptional(), RequiredText(field, max));

export const Seq = () => applyDecorators(IsInt({ message: 'seq must be a positive integer' }), Min(1, { message: 'seq must be a positive integer' }), Max(100000, { message: 'seq must be at most 100000' }));
export const Year = (field: string) => applyDecorators(IsInt({ message: `${field} must be a year between 1949 and 2200` }), Min(1949, { message: `${field} must be a year between 1949 and 2200` }), Max(2200, { message: `${field} must be a year between 1949 and 2200` }));
