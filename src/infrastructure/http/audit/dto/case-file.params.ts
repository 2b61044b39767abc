import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { MAX_ACCESS_REASON_LENGTH } from '../../../../domain/audit/access-reason.policy';
import { parseInstant } from '../../../../domain/time/instant.value';
import { TextField } from '../../request-fields.decorators';

const NOT_INSTANT = 'Bitte geben Sie einen Zeitpunkt nach ISO 8601 mit Zeitzone an, z. B. 2025-03-10T09:00:00Z.';
const NOT_REVISION = 'Bitte geben Sie einen Stand als ganze Zahl ab 0 an.';

/** A reason for a read, optional on views: it goes to the audit record and must not name the client. */
export function AccessReasonField(options: { optional: boolean }): PropertyDecorator {
  return TextField({
    optional: options.optional,
    maxLength: MAX_ACCESS_REASON_LENGTH,
    example: 'Prüfauftrag 2026-17',
    description:
      'Grund des Zugriffs, z. B. Aktenzeichen oder Prüfauftrag. Wird im Prüfprotokoll dauerhaft im Klartext gespeichert: ' +
      'keine Angaben zur Person (Name, Geburtsdatum, Kontaktdaten).',
  });
}

export function InstantParam(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', description }),
    IsOptional(),
    ValidateBy({ name: 'isInstant', validator: { validate: (value) => parseInstant(value) !== null, defaultMessage: () => NOT_INSTANT } }),
  );
}

export class CaseFileParams {
  @InstantParam('Der Fall, wie er zu diesem Zeitpunkt erfasst war (nach dem Zeitpunkt der Speicherung).')
  asOf?: string;

  @ApiPropertyOptional({ type: String, pattern: '^\\d{1,9}$', example: '4', description: 'Der Fall nach dem Eintrag mit diesem Stand (0 = Fallaufnahme).' })
  @IsOptional()
  @IsString({ message: NOT_REVISION })
  @Matches(/^\d{1,9}$/, { message: NOT_REVISION })
  atRevision?: string;

  @AccessReasonField({ optional: true })
  reason?: string;
}

export class CaseHistoryParams {
  @AccessReasonField({ optional: true })
  reason?: string;
}
