import { getMetadataStorage, validateSync, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { flattenValidation } from '../errors';
import { findClassTextProblem } from '../../schema/common/text';
import { ResponsibilityInput } from '../../schema/responsibilities/responsibility.inputs';

/**
 * The input classes' class-validator rules, run fast enough for 100,000 rows.
 *
 * class-validator looks its metadata up again on every call (≈20 µs a row for IndicatorInput here).
 * This compiles each class's rules once into a plain check that calls the very same constraint
 * functions; a row that fails is then run through class-validator itself, so problems carry its
 * exact messages. A class using anything the compiler does not know falls back to class-validator
 * for every row. tests/transfer/validate.test.ts checks both agree on good and bad rows.
 */

/** Nested input lists and the class of their items (as server/common/validation.ts has them). */
const NESTED: Record<string, new () => object> = { responsibilities: ResponsibilityInput };

type Check = (value: unknown, object: object) => boolean;
type Compiled = (object: object) => boolean;

const compiled = new Map<Function, Compiled | null>();
const KNOWN = new Set<string>([ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.NESTED_VALIDATION]);

function compile(cls: Function): Compiled | null {
  if (compiled.has(cls)) return compiled.get(cls)!;
  compiled.set(cls, null); // a cycle falls back to class-validator
  const storage = getMetadataStorage();
  const metas: ValidationMetadata[] = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  if (metas.some((m) => !KNOWN.has(m.type) || m.groups?.length || m.always)) return null;
  const properties: { name: string; conditions: ((o: object, v: unknown) => boolean)[]; checks: Check[] }[] = [];
  for (const [name, list] of Object.entries(storage.groupByPropertyName(metas))) {
    const checks: Check[] = [];
    for (const m of list) {
      if (m.type === ValidationTypes.CUSTOM_VALIDATION) {
        for (const constraint of storage.getTargetValidatorConstraints(m.constraintCls)) {
          if (constraint.async) return null;
          const validator = constraint.instance as { validate(value: unknown, args: ValidationArguments): unknown };
          // Checks run synchronously one at a time, so one arguments object per rule is enough.
          const args: ValidationArguments = { targetName: cls.name, property: name, object: {}, value: undefined, constraints: m.constraints };
          checks.push((value, object) => {
            if (m.validateIf && !m.validateIf(object, value)) return true;
            args.object = object;
            args.value = value;
            if (m.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
              for (const item of Array.isArray(value) ? value : (value as Set<unknown>).values()) if (validator.validate(item, args) !== true) return false;
              return true;
            }
            return validator.validate(value, args) === true;
          });
        }
      } else if (m.type === ValidationTypes.NESTED_VALIDATION) {
        const itemClass = NESTED[name];
        if (!itemClass) return null;
        checks.push((value) => {
          if (value === undefined) return true;
          const inner = compile(itemClass);
          for (const item of Array.isArray(value) ? value : [value]) {
            if (!item || typeof item !== 'object') return false;
            if (!(inner ? inner(item) : validateSync(Object.assign(new itemClass(), item), { forbidUnknownValues: false }).length === 0)) return false;
          }
          return true;
        });
      }
    }
    const conditions = list.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.constraints[0] as (o: object, v: unknown) => boolean);
    properties.push({ name, conditions, checks });
  }
  const fn: Compiled = (object) => {
    const o = object as Record<string, unknown>;
    for (const p of properties) {
      const value = o[p.name];
      let skip = false;
      for (const c of p.conditions) if (!c(object, value)) skip = true;
      if (skip) continue;
      for (const check of p.checks) if (!check(value, object)) return false;
    }
    return true;
  };
  compiled.set(cls, fn);
  return fn;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Every rule `data` breaks as an instance of `cls`, as `field: message` pairs (e.g.
 * responsibilities[0].department); [] when valid. `data` may be a plain object.
 */
export function checkInput(cls: new () => object, data: Record<string, unknown>): FieldProblem[] {
  // The control-character rule of every input (schema/common/text.ts), first.
  const text = findClassTextProblem(cls, data, NESTED);
  const fast = compile(cls);
  if (!text && fast && fast(data)) return [];
  const instance = Object.assign(new cls(), data) as Record<string, unknown>;
  for (const [key, itemClass] of Object.entries(NESTED)) {
    const list = instance[key];
    if (Array.isArray(list)) instance[key] = list.map((item) => (item && typeof item === 'object' ? Object.assign(new itemClass(), item) : item));
  }
  const problems = flattenValidation(validateSync(instance, { forbidUnknownValues: false }));
  return text ? [text, ...problems.filter((p) => p.field !== text.field)] : problems;
}

/** The compiled check alone (null where a class falls back to class-validator): for the test that both agree. */
export function compiledCheck(instance: object): boolean | null {
  const fast = compile(instance.constructor);
  return fast ? fast(instance) : null;
}
