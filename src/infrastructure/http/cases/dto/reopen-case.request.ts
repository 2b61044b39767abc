import { DateField, TextField } from '../../request-fields.decorators';

export class ReopenCaseRequest {
  @DateField({ description: 'Datum der Wiederaufnahme; nicht vor dem Abschluss' })
  reopenedOn!: string;

  @TextField({ optional: true, description: 'Anlass (wird verschlüsselt gespeichert)' })
  reason?: string | null;
}
