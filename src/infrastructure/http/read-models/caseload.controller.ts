import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type CaseloadRequest, type CaseloadView, GetCaseloadQuery, UNFILTERED_CASELOAD_REQUEST } from '../../../application/caseload/get-caseload.query';
import type { Principal } from '../../../application/identity/principal';
import { ROLE_ACCESS, ROLES, type Role } from '../../../domain/case/access.policy';
import { CurrentPrincipal } from '../../identity/current-principal.decorator';
import { Roles } from '../../identity/roles.decorator';
import { RequestValidationError } from '../request-validation';
import { CaseloadAnswer } from './dto/caseload.answer';
import { CASELOAD_DEFAULT_LIMIT, CASELOAD_MAX_LIMIT, CASELOAD_MAX_OFFSET, CaseloadParams } from './dto/caseload.params';
import { flag } from './dto/read-model.params';
import { ApiReadModel } from './read-model.openapi';
import { actorOf } from './reader.actor';

/** Roles with a caseload: those that work on cases with personal data in plain text (the query decides the scope). */
const CASELOAD_ROLES = ROLES.filter((role) => ROLE_ACCESS[role].personalData === 'plain') as [Role, ...Role[]];

@ApiTags('Fallübersicht')
@Controller('api/caseload')
@Roles(...CASELOAD_ROLES)
export class CaseloadController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  // Names of clients: never kept by a browser or a proxy.
  @Header('Cache-Control', 'no-store')
  @ApiReadModel({
    summary: 'Fallübersicht',
    description:
      'Die Fälle der eigenen Organisationseinheit (Case Management; mit `mine=true` nur die eigenen) oder des ganzen Kreises ' +
      '(Koordinierungsstelle, filterbar nach Organisationseinheit und Case Management). Voreinstellung: offene Fälle, dringliche ' +
      'zuerst (überfällige Wiedervorlagen, abgelaufene oder in 90 Tagen ablaufende Aufenthaltstitel), dann nach dem nächsten ' +
      'Handlungsbedarf. Namen werden nur für Berechtigte entschlüsselt. Die Übersicht ist keine Einsicht in einen Fall und wird ' +
      'nicht je Fall protokolliert.',
    answer: CaseloadAnswer,
    forbidden: 'Die Rolle hat keine Fallübersicht, oder die Organisationseinheit ist nicht die eigene.',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() params: CaseloadParams): Promise<CaseloadView> {
    return this.queries.execute(new GetCaseloadQuery(actorOf(principal), caseloadRequest(params)));
  }
}

/** Each parameter left out is the unfiltered request's. */
function caseloadRequest(params: CaseloadParams): CaseloadRequest {
  return {
    mine: flag(params.mine),
    organisationUnitId: params.organisationUnitId ?? null,
    caseManagerId: params.caseManagerId ?? null,
    phase: params.phase ?? null,
    status: params.status ?? UNFILTERED_CASELOAD_REQUEST.status,
    residenceCategory: params.residenceCategory ?? null,
    jurisdiction: params.jurisdiction ?? null,
    overdueOnly: flag(params.overdue),
    expiringPermitsOnly: flag(params.expiringPermits),
    sort: params.sort ?? UNFILTERED_CASELOAD_REQUEST.sort,
    limit: integer('limit', params.limit, 1, CASELOAD_MAX_LIMIT, CASELOAD_DEFAULT_LIMIT),
    offset: integer('offset', params.offset, 0, CASELOAD_MAX_OFFSET, 0),
    waitFor: params.waitFor ?? null,
  };
}

/** The DTO checked the digits; the range is checked here, where the number exists. */
function integer(field: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (number < min || number > max) {
    throw new RequestValidationError([{ field, message: `Bitte geben Sie eine ganze Zahl von ${min} bis ${max} an.` }]);
  }
  return number;
}
