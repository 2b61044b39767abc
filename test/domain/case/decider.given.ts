import type { CaseCommand } from '../../../src/domain/case/case.commands';
import { decide } from '../../../src/domain/case/case.decider';
import { DomainRuleViolation } from '../../../src/domain/case/case.errors';
import type { CaseEvent } from '../../../src/domain/case/case.events';
import { stateOf } from '../case.fixtures';

type ViolationClass = abstract new (...args: never[]) => DomainRuleViolation;

/**
 * given(history).when(command).then(events) / .thenThrows(ErrorClass). State and command are frozen, so a
 * decider that mutated either would fail here rather than corrupt a later decision.
 */
export function given(history: readonly CaseEvent[]) {
  return {
    when(command: CaseCommand) {
      const run = () => decide(deepFreeze(structuredClone(command)), deepFreeze(stateOf(history)));
      return {
        then(expected: readonly CaseEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenThrows(errorClass: ViolationClass, expectedProperties: Record<string, unknown> = {}): DomainRuleViolation {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(errorClass);
          expect(caught).toMatchObject(expectedProperties);
          return caught as DomainRuleViolation;
        },
      };
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
