import { createValidationPipe, type FieldProblem, RequestValidationError } from '../../http/request-validation';

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/**
 * Validates a form's body with the API's own DTO class and pipe, so a form and the API accept and refuse the
 * same input with the same German messages.
 */
export async function validateWith<T extends object>(dto: new () => T, body: Record<string, unknown>): Promise<Validated<T>> {
  try {
    const value = (await createValidationPipe().transform(body, { type: 'body', metatype: dto })) as T;
    return { ok: true, value };
  } catch (error) {
    if (error instanceof RequestValidationError) return { ok: false, problems: [...error.problems] };
    throw error;
  }
}

/** Problems of a nested part of a body (the consent inside the intake form), under that part's prefix. */
export function prefixed(prefix: string, problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((problem) => ({ field: `${prefix}.${problem.field}`, message: problem.message }));
}
