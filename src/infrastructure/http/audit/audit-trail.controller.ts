import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { SearchAuditTrailQuery } from '../../../application/audit/search-audit-trail.query';
import type { Principal } from '../../../application/identity/principal';
import { AUDIT_READERS } from '../../../domain/audit/audit.policy';
import { CurrentPrincipal } from '../../identity/current-principal.decorator';
import { Roles } from '../../identity/roles.decorator';
import { ApiAuditRead } from './audit.openapi';
import { AuditTrailAnswer } from './dto/audit-trail.answer';
import { AUDIT_TRAIL_DEFAULT_LIMIT, AuditTrailParams } from './dto/audit-trail.params';

@ApiTags('Fallakte und Prüfung')
@Controller('api/audit-trail')
@Roles(...AUDIT_READERS)
export class AuditTrailController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @ApiAuditRead({
    summary: 'Prüfprotokoll durchsuchen',
    description:
      'Jede Änderung und jeder Zugriff auf Fälle: wer, wann, was, welcher Fall, warum; neueste zuerst, seitenweise. Die ' +
      'Koordinierungsstelle sieht die Fälle ihres Kreises, die Prüfung alle. Enthält keine personenbezogenen Daten der Personen.',
    answer: AuditTrailAnswer,
    recorded: false,
  })
  search(@Query() params: AuditTrailParams, @CurrentPrincipal() principal: Principal) {
    const { limit, cursor, ...criteria } = params;
    return this.queries.execute(
      new SearchAuditTrailQuery(principal, criteria, { limit: limit === undefined ? AUDIT_TRAIL_DEFAULT_LIMIT : Number(limit), cursor: cursor ?? null }),
    );
  }
}
