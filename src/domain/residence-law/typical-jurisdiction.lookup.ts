import { addMonths, firstDayOfNextMonth, type CalendarDate } from '../time/calendar-date.value';
import {
  JURISDICTION_RULE_SETS,
  type JurisdictionOption,
  type JurisdictionRule,
  type JurisdictionRuleSet,
  type StageStart,
} from './jurisdiction-rule-sets.data';
import { LEGAL_BASES, type LegalBasis } from './residence-status.taxonomy';
import { versionInForce } from './versioned.data';

export interface TypicalJurisdiction {
  /** Which rule set answered, so a suggestion shown or stored can be traced to the law it came from. */
  readonly ruleSetVersion: string;
  readonly ruleId: string;
  /** Empty when the status alone does not tell (e.g. an interim certificate). */
  readonly options: readonly JurisdictionOption[];
  readonly note: string | null;
}

export interface TypicalJurisdictionQuery {
  legalBasis: LegalBasis;
  /** When the status began (its valid-from date, or when it became known). */
  statusStart: CalendarDate;
  /** The day asked about; it selects both the rule set and the stage. */
  on: CalendarDate;
}

/**
 * The jurisdiction a status typically leads to: a suggestion for the case manager, never a decision, since it
 * also depends on facts the status does not carry (ability to work, age, training). Null before the first rule
 * set or before the status started.
 */
export function typicalJurisdiction(query: TypicalJurisdictionQuery, ruleSets = JURISDICTION_RULE_SETS): TypicalJurisdiction | null {
  if (query.on < query.statusStart) return null;
  const ruleSet = versionInForce(ruleSets, query.on);
  if (ruleSet === null) return null;
  const rule = ruleFor(ruleSet, query.legalBasis);
  if (rule === null) return null;
  const stage = [...rule.stages].reverse().find((candidate) => stageBegins(candidate.start, query.statusStart) <= query.on);
  return { ruleSetVersion: ruleSet.version, ruleId: rule.id, options: stage?.options ?? [], note: rule.note };
}

export function ruleFor(ruleSet: JurisdictionRuleSet, legalBasis: LegalBasis): JurisdictionRule | null {
  const byBasis = ruleSet.rules.find((rule) => 'legalBases' in rule.appliesTo && rule.appliesTo.legalBases.includes(legalBasis));
  if (byBasis !== undefined) return byBasis;
  const category = LEGAL_BASES[legalBasis].category;
  return ruleSet.rules.find((rule) => 'category' in rule.appliesTo && rule.appliesTo.category === category) ?? null;
}

function stageBegins(start: StageStart, statusStart: CalendarDate): CalendarDate {
  switch (start.from) {
    case 'status_start':
      return statusStart;
    case 'first_day_of_following_month':
      return firstDayOfNextMonth(statusStart);
    case 'months_after_status_start':
      return addMonths(statusStart, start.months);
  }
}
