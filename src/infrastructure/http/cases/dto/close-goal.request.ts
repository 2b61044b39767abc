import { GOAL_OUTCOME_LABELS, GOAL_OUTCOMES, type GoalOutcome } from '../../../../domain/case/case.vocabulary';
import { CodeField, DateField, TextField } from '../../request-fields.decorators';

export class CloseGoalRequest {
  @CodeField(GOAL_OUTCOMES, { enumName: 'GoalOutcome', labels: GOAL_OUTCOME_LABELS, description: 'Ergebnis' })
  outcome!: GoalOutcome;

  @DateField({ description: 'Datum des Abschlusses' })
  closedOn!: string;

  @TextField({ optional: true, description: 'Notiz (wird verschlüsselt gespeichert)' })
  note?: string | null;
}
