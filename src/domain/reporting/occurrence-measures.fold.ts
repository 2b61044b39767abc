import type { InstitutionType, ReferralOutcome } from '../case/case.vocabulary';
import { emptyOccurrenceMeasures, isInScope, type OccurrenceMeasures, type ReportScope } from './funding-measures.model';
import type { ReportFact } from './report-fact.model';
import type { ReportPeriod } from './report-period.value';

/**
 * The figures about what happened in the period, from facts recorded by the cut-off, one fact at a time (a
 * log too large to hold is folded as it is read): each counts for the unit that held the case when it was
 * recorded. The projection computes the same with SQL; this is the definition it is tested against.
 */
export class OccurrenceAccumulator {
  private readonly measures = emptyOccurrenceMeasures();
  private readonly householdByClient = new Map<string, number>();
  private readonly referrals: Array<{ key: string; institutionType: InstitutionType }> = [];
  private readonly outcomes = new Map<string, { outcome: ReferralOutcome; revision: number }>();

  constructor(
    private readonly period: ReportPeriod,
    private readonly scope: ReportScope,
  ) {}

  add(fact: ReportFact): void {
    const { measures, period, scope } = this;
    if (fact.kind === 'referral_outcome') {
      // A referral's status at the end of the period: its first outcome by then, wherever the case is now.
      const key = referralKey(fact.caseId, fact.referralId);
      const known = this.outcomes.get(key);
      if (fact.districtId === scope.districtId && fact.on <= period.to && (known === undefined || fact.revision < known.revision)) {
        this.outcomes.set(key, { outcome: fact.outcome, revision: fact.revision });
      }
      return;
    }
    if (fact.on < period.from || fact.on > period.to || !isInScope(scope, fact.districtId, fact.organisationUnitId)) return;
    switch (fact.kind) {
      case 'session':
        measures.activity.sessionsByFormat[fact.format] += 1;
        measures.activity.minutesByFormat[fact.format] += fact.minutes;
        if (fact.withInterpreter) measures.activity.sessionsWithInterpreter += 1;
        this.householdByClient.set(fact.clientId, Math.max(this.householdByClient.get(fact.clientId) ?? 0, fact.householdMembers));
        break;
      case 'referral':
        this.referrals.push({ key: referralKey(fact.caseId, fact.referralId), institutionType: fact.institutionType });
        break;
      case 'goal_agreed':
        measures.goals[fact.lifeArea].agreed += 1;
        break;
      case 'goal_closed':
        measures.goals[fact.lifeArea][fact.outcome] += 1;
        break;
      case 'service_gap':
        measures.serviceGaps[fact.lifeArea].reports += 1;
        measures.serviceGaps[fact.lifeArea].clients_affected += fact.clientsAffected;
        break;
      case 'jurisdiction':
        // The first jurisdiction of a case is recorded at intake; only a move from one to another is a change.
        if (fact.from !== null) measures.jurisdictionChanges[fact.from][fact.to] += 1;
        break;
      default:
        break;
    }
  }

  result(): OccurrenceMeasures {
    const measures = structuredClone(this.measures);
    for (const referral of this.referrals) measures.referrals[referral.institutionType][this.outcomes.get(referral.key)?.outcome ?? 'open'] += 1;
    for (const members of this.householdByClient.values()) measures.activity.householdMembersReached += members;
    return measures;
  }
}

function referralKey(caseId: string, referralId: string): string {
  return JSON.stringify([caseId, referralId]);
}
