import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';
import { PERSONAL_DATA_PATHS } from '../../../../domain/case/personal-data.registry';
import { CodeListField } from '../../request-fields.decorators';
import { AccessReasonField } from './case-file.params';

/** Every path the personal-data registry knows, over all event types. */
export const PERSONAL_FIELD_PATHS: readonly string[] = [...new Set(Object.values(PERSONAL_DATA_PATHS).flat())].sort();

const MAX_EVENT_IDS = 500;

export class RevealRequest {
  @AccessReasonField({ optional: false })
  reason!: string;

  @CodeListField(PERSONAL_FIELD_PATHS, {
    optional: true,
    enumName: 'PersonalDataField',
    description: 'Welche personenbezogenen Felder offengelegt werden; ohne Angabe alle Felder der gewählten Einträge',
  })
  fields?: string[];

  @ApiProperty({
    type: [String],
    required: false,
    maxItems: MAX_EVENT_IDS,
    description: 'Welche Einträge (Ereignis-Kennungen aus dem Verlauf); ohne Angabe alle Einträge mit den gewählten Feldern',
  })
  @IsOptional()
  @IsArray({ message: 'Bitte geben Sie eine Liste an.' })
  @ArrayMaxSize(MAX_EVENT_IDS, { message: `Bitte wählen Sie höchstens ${MAX_EVENT_IDS} Einträge.` })
  @ArrayUnique({ message: 'Jeder Wert darf nur einmal vorkommen.' })
  @IsUUID('all', { each: true, message: 'Bitte geben Sie die Kennung eines Eintrags aus dem Verlauf an.' })
  eventIds?: string[];
}
