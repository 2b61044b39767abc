import { type PipeTransform } from '@nestjs/common';
import { CaseNotFoundError, type DomainRuleViolation } from '../../../domain/case/case.errors';
import { id } from '../../../domain/case/command-input.guards';

/**
 * An id in the path that cannot be an id (wrong characters, too long) names nothing: answered as "not found",
 * like an id that does not exist, and before any store is asked.
 */
export class PathIdPipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: (value: string) => DomainRuleViolation) {}

  transform(value: string): string {
    try {
      return id('path', value);
    } catch {
      throw this.notFound(value);
    }
  }
}

export const caseIdPipe = new PathIdPipe(() => new CaseNotFoundError());
