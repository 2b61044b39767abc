import { CASE_EVENT_TYPES, type CaseEventType } from '../../../../domain/case/case.events';
import { CodeField, IdField, NestedField, TextField } from '../../request-fields.decorators';
import { LegalStatusRecordDto } from './legal-status.dto';

/** Events are never edited: a correction is a new fact naming the entry that was wrong. */
export class CorrectEntryRequest {
  @IdField({ description: 'Kennung des fehlerhaften Eintrags (Ereignis-ID)', example: '0b9e4c52-7a51-4c1e-9f43-2a1d5c3e8f10' })
  correctedEventId!: string;

  @CodeField(CASE_EVENT_TYPES, { enumName: 'CaseEventType', description: 'Art des fehlerhaften Eintrags' })
  correctedEventType!: CaseEventType;

  @TextField({ description: 'Was richtig ist (wird verschlüsselt gespeichert)' })
  correction!: string;

  @NestedField(() => LegalStatusRecordDto, { optional: true, description: 'Nur bei einem Aufenthaltsstatus: der Status, der stattdessen gilt' })
  correctedLegalStatus?: LegalStatusRecordDto | null;

  @TextField({ description: 'Was falsch war (wird verschlüsselt gespeichert)' })
  reason!: string;
}
