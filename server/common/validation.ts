import { validate } from 'class-validator';
import { isInputObjectType } from 'graphql';
import { findTextProblem } from '../../schema/common/text';
import { badInput, flattenValidation } from '../errors';
import { ResponsibilityInput } from '../../schema/responsibilities/responsibility.inputs';

/** Nested input lists and the class of their items, so ValidateNested sees class instances. */
const NESTED: Record<string, new () => object> = { responsibilities: ResponsibilityInput };

/**
 * Runs an input class's class-validator rules on plain data, for the paths that do not come through
 * GraphQL (importer, CLI): the same rules that `buildSchema({ validate: true })` applies at the edge.
 */
export async function validateInput<T extends object>(cls: new () => T, data: Record<string, unknown>): Promise<T> {
  const instance = Object.assign(new cls(), dropUndefined(data)) as Record<string, unknown>;
  for (const [key, itemCls] of Object.entries(NESTED)) {
    const list = instance[key];
    if (Array.isArray(list)) instance[key] = list.map((item) => (item && typeof item === 'object' ? Object.assign(new itemCls(), item) : item));
  }
  // The control-character rule of GraphQL inputs (schema/common/text.ts), by the input type of the same name.
  const { buildGraphQLSchema } = await import('../schema');
  const type = (await buildGraphQLSchema()).getType(cls.name);
  const text = isInputObjectType(type) ? findTextProblem(type, instance, '') : null;
  if (text) throw badInput(text.field, text.message);
  const errors = await validate(instance, { forbidUnknownValues: false });
  if (errors.length) {
    const [first] = flattenValidation(errors);
    throw badInput(first.field, first.message);
  }
  return instance as T;
}

/** ES2022 class fields can leave absent keys present as undefined; services treat undefined as "not given". */
export function dropUndefined<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as T;
}
