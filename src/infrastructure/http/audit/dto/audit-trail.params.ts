import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ACCESS_KIND_LABELS, ACCESS_KINDS } from '../../../../domain/audit/case-access.events';
import { EVENT_TYPE_LABELS } from '../../../../domain/audit/event-type.labels';
import { CodeField, IdField } from '../../request-fields.decorators';
import { InstantParam } from './case-file.params';

export const AUDIT_TRAIL_DEFAULT_LIMIT = 50;
export const AUDIT_TRAIL_MAX_LIMIT = 200;
const EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS);

export class AuditTrailParams {
  @IdField({ optional: true, description: 'Nur Einträge dieses Falls' })
  caseId?: string;

  @IdField({ optional: true, description: 'Nur Einträge dieser Person (Benutzerkennung)' })
  actorUserId?: string;

  @CodeField(EVENT_TYPES, { optional: true, enumName: 'AuditEventType', labels: EVENT_TYPE_LABELS, description: 'Nur Einträge dieser Art' })
  eventType?: string;

  @CodeField(ACCESS_KINDS, { optional: true, enumName: 'AccessKind', labels: ACCESS_KIND_LABELS, description: 'Nur Zugriffe dieser Art' })
  accessKind?: (typeof ACCESS_KINDS)[number];

  @InstantParam('Gespeichert ab diesem Zeitpunkt (einschließlich)')
  from?: string;

  @InstantParam('Gespeichert vor diesem Zeitpunkt (ausschließlich)')
  to?: string;

  @ApiPropertyOptional({ type: String, pattern: '^\\d{1,3}$', example: String(AUDIT_TRAIL_DEFAULT_LIMIT), description: `Einträge je Seite, 1 bis ${AUDIT_TRAIL_MAX_LIMIT}` })
  @IsOptional()
  @IsString({ message: `Bitte geben Sie eine Zahl von 1 bis ${AUDIT_TRAIL_MAX_LIMIT} an.` })
  @Matches(new RegExp(`^(?:[1-9]\\d?|1\\d\\d|${AUDIT_TRAIL_MAX_LIMIT})$`), { message: `Bitte geben Sie eine Zahl von 1 bis ${AUDIT_TRAIL_MAX_LIMIT} an.` })
  limit?: string;

  @ApiPropertyOptional({ type: String, description: 'Aus `nextCursor` der vorigen Seite: setzt mit den nächstälteren Einträgen fort' })
  @IsOptional()
  @IsString({ message: 'Bitte übernehmen Sie den Wert aus nextCursor.' })
  @Matches(/^\d{1,19}$/, { message: 'Bitte übernehmen Sie den Wert aus nextCursor.' })
  cursor?: string;
}
