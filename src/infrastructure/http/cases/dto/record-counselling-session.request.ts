import { LIFE_AREA_LABELS, LIFE_AREAS, type LifeArea, SESSION_FORMAT_LABELS, SESSION_FORMATS, type SessionFormat } from '../../../../domain/case/case.vocabulary';
import { CodeField, CodeListField, DateField, IntegerField, LanguageField, TextField } from '../../request-fields.decorators';

export class RecordCounsellingSessionRequest {
  @DateField({ description: 'Datum der Beratung' })
  heldOn!: string;

  @IntegerField(1, 24 * 60, { description: 'Dauer in Minuten', example: 60 })
  durationMinutes!: number;

  @CodeField(SESSION_FORMATS, { enumName: 'SessionFormat', labels: SESSION_FORMAT_LABELS, description: 'Form der Beratung' })
  format!: SessionFormat;

  @CodeListField(LIFE_AREAS, { enumName: 'LifeArea', labels: LIFE_AREA_LABELS, description: 'Besprochene Lebensbereiche' })
  lifeAreas!: LifeArea[];

  @LanguageField({ optional: true, description: 'Sprache der Verdolmetschung (ISO 639); leer ohne Dolmetschung' })
  interpreterLanguage?: string | null;

  @IntegerField(0, 50, { optional: true, description: 'Anwesende Haushaltsmitglieder außer der Person selbst', example: 0 })
  householdMembersPresent?: number | null;

  @TextField({ optional: true, description: 'Notiz (wird verschlüsselt gespeichert)' })
  note?: string | null;
}
