import { ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { holdsNoBinary, isCertainlyValid } from './valid-request.check';

export interface FieldProblem {
  /** Path in the request body (`client.personal.givenName`, `needs[1].level`), or a header name. */
  field: string;
  message: string;
}

/** The request does not have the shape the route expects; nothing was done. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`Invalid request: ${problems.map((problem) => problem.field).join(', ')}`);
  }
}

/** Where the whole body is wrong (not an object, not JSON) rather than one of its fields. */
export const WHOLE_BODY = 'body';

/**
 * Constraints class-validator adds by itself, whose English messages would otherwise reach the user. The
 * request-field decorators give every other constraint a German message.
 */
const BUILT_IN_MESSAGES: Record<string, string> = {
  whitelistValidation: 'Dieses Feld ist nicht vorgesehen.',
  nestedValidation: 'Bitte geben Sie hier die vorgesehenen Felder als Objekt an.',
  unknownValue: 'Der Inhalt der Anfrage muss ein Objekt mit den vorgesehenen Feldern sein.',
};

/** One problem per field (its first), depth first, so a form can show one message at each input. */
export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = childPath(parent, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    const own =
      constraints.length === 0 ? [] : [{ field: field || WHOLE_BODY, message: BUILT_IN_MESSAGES[constraints[0][0]] ?? constraints[0][1] }];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

function childPath(parent: string, property: string | undefined): string {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

/**
 * Nest's pipe, with class-validator asked only about objects the quick check is not sure of: a valid body (the
 * common case) costs a fraction, an invalid one gets class-validator's errors as before. Likewise Nest's search
 * for binary values runs only where there may be one (JSON bodies never hold any).
 */
class QuickValidationPipe extends ValidationPipe {
  protected override findNestedBinaryValues(object: unknown, metadataCache?: Map<unknown, unknown[]>): ValidationError[] {
    return holdsNoBinary(object) ? [] : super.findNestedBinaryValues(object, metadataCache);
  }

  protected override validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    return isCertainlyValid(object) ? [] : super.validate(object, validatorOptions);
  }
}

/**
 * The one pipe for every route's input: unknown fields are refused (a typo must not vanish silently), values
 * become the DTO classes, and nothing is converted implicitly ("60" is not 60). Values never enter the errors.
 */
export function createValidationPipe(): ValidationPipe {
  return new QuickValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldProblems(errors)),
  });
}
