import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

/**
 * A quick yes to "would class-validator find nothing wrong with this object?", from class-validator's own
 * metadata and constraint functions, gathered once per class instead of on every request (looking them up,
 * building error objects and awaiting them cost more than the checks themselves).
 *
 * It only ever answers "valid" or "not sure": for anything it does not recognise (a Set, a promise, an
 * asynchronous or unknown constraint) it is not sure, and the caller lets class-validator decide and word the
 * errors. So the 400 messages are class-validator's, and a body passes only if class-validator would pass it.
 * Mirrors class-validator 0.15's `ValidationExecutor` under the options of `createValidationPipe` (whitelist,
 * forbidNonWhitelisted, forbidUnknownValues, no groups).
 */
export function isCertainlyValid(object: object): boolean {
  const plan = planOf(object.constructor);
  if (plan === null) return false;
  for (const key of Object.keys(object)) {
    if (!plan.has(key)) return false;
  }
  for (const [property, checks] of plan) {
    if (!propertyPasses(object, property, (object as Record<string, unknown>)[property], checks)) return false;
  }
  return true;
}

type Condition = (object: object, value: unknown) => boolean;

interface Constraint {
  validate: (value: unknown, args: ValidationArguments) => unknown;
  constraints: unknown[];
  each: boolean;
  validateIf: Condition | undefined;
}

interface PropertyChecks {
  /** `IsOptional` and `ValidateIf`: when one says no, nothing else is checked. */
  conditions: Condition[];
  /** `IsDefined` and every other constraint: all must hold, so their order does not matter here. */
  constraints: Constraint[];
  nested: boolean;
}

/** Per property of a class; null where class-validator would refuse the object whatever it holds, or we cannot follow. */
type Plan = Map<string, PropertyChecks> | null;

const plans = new Map<unknown, Plan>();

function planOf(target: unknown): Plan {
  let plan = plans.get(target);
  if (plan === undefined) {
    plan = typeof target === 'function' ? compile(target as abstract new (...args: never[]) => unknown) : null;
    plans.set(target, plan);
  }
  return plan;
}

function compile(target: abstract new (...args: never[]) => unknown): Plan {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false);
  // forbidUnknownValues: a class without rules (or a plain object) is refused.
  if (metadatas.length === 0) return null;
  const plan = new Map<string, PropertyChecks>();
  for (const metadata of metadatas) {
    // Schema-based rules have a string target; none are used here.
    if (metadata.target !== target) return null;
    const checks = plan.get(metadata.propertyName) ?? { conditions: [], constraints: [], nested: false };
    plan.set(metadata.propertyName, checks);
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        checks.conditions.push(metadata.constraints[0] as Condition);
        break;
      case ValidationTypes.NESTED_VALIDATION:
        checks.nested = true;
        break;
      case ValidationTypes.WHITELIST:
        break;
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION:
        for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
          if (constraint.async) return null;
          const instance = constraint.instance as { validate: Constraint['validate'] };
          checks.constraints.push({
            validate: instance.validate.bind(instance),
            constraints: metadata.constraints,
            each: metadata.each === true,
            validateIf: (metadata as { validateIf?: Condition }).validateIf,
          });
        }
        break;
      default:
        return null;
    }
  }
  return plan;
}

function propertyPasses(object: object, property: string, value: unknown, checks: PropertyChecks): boolean {
  // class-validator evaluates every condition, then skips the property unless all hold.
  let applies = true;
  for (const condition of checks.conditions) applies = condition(object, value) && applies;
  if (!applies) return true;
  const args: ValidationArguments = { targetName: object.constructor.name, property, object, value, constraints: [] };
  for (const constraint of checks.constraints) {
    if (constraint.validateIf !== undefined && !constraint.validateIf(object, value)) continue;
    args.constraints = constraint.constraints;
    if (!constraintHolds(constraint, value, args)) return false;
  }
  return !checks.nested || nestedValid(value);
}

function constraintHolds(constraint: Constraint, value: unknown, args: ValidationArguments): boolean {
  if (value instanceof Set || value instanceof Map) return false;
  if (constraint.each && Array.isArray(value)) return value.every((item) => constraint.validate(item, args) === true);
  return constraint.validate(value, args) === true;
}

/** `ValidateNested`: absent is fine; an array's items and an object are checked by their own class. */
function nestedValid(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every(nestedValid);
  if (value instanceof Set || value instanceof Map) return false;
  return value instanceof Object && isCertainlyValid(value);
}

/** Deeper than this, `holdsNoBinary` is not sure (and never loops on a cycle). */
const MAX_DEPTH = 32;

/**
 * Certain that no Buffer, typed array or ArrayBuffer is anywhere in the value: then Nest's search for binary
 * values in nested properties, which looks up class-validator's metadata on every request, cannot find any.
 */
export function holdsNoBinary(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth === MAX_DEPTH || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Set || value instanceof Map) return false;
  for (const item of Object.values(value)) {
    if (!holdsNoBinary(item, depth + 1)) return false;
  }
  return true;
}
