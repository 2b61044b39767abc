import { CLOSURE_REASON_LABELS, CLOSURE_REASONS, type ClosureReason } from '../../../../domain/case/case.vocabulary';
import { CodeField, DateField, TextField } from '../../request-fields.decorators';

export class CloseCaseRequest {
  @CodeField(CLOSURE_REASONS, { enumName: 'ClosureReason', labels: CLOSURE_REASON_LABELS, description: 'Abschlussgrund' })
  closureReason!: ClosureReason;

  @DateField({ description: 'Datum des Abschlusses' })
  closedOn!: string;

  @TextField({ optional: true, description: 'Zusammenfassung (wird verschlüsselt gespeichert)' })
  summary?: string | null;

  @TextField({ description: 'Begründung (wird verschlüsselt gespeichert)' })
  reason!: string;
}
