import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { AccessRequest } from '../../../application/audit/case-access.recorder';
import { VerifyCaseIntegrityQuery } from '../../../application/audit/verify-case-integrity.query';
import type { CasePoint } from '../../../application/case-reading/case-replay';
import { GetCaseFileQuery } from '../../../application/case-reading/get-case-file.query';
import { GetCaseHistoryQuery } from '../../../application/case-reading/get-case-history.query';
import { RevealPersonalDataQuery } from '../../../application/case-reading/reveal-personal-data.query';
import type { Principal } from '../../../application/identity/principal';
import { AUDIT_READERS } from '../../../domain/audit/audit.policy';
import { ROLE_ACCESS, ROLES, type Role } from '../../../domain/case/access.policy';
import { CurrentPrincipal } from '../../identity/current-principal.decorator';
import { Roles } from '../../identity/roles.decorator';
import { ApiCaseIdParam } from '../cases/case-command.openapi';
import { caseIdPipe } from '../cases/path-id.pipe';
import { RequestValidationError } from '../request-validation';
import { CaseAccessRequest } from './access-request.decorator';
import { ApiAuditRead } from './audit.openapi';
import { CaseFileParams, CaseHistoryParams } from './dto/case-file.params';
import { CaseFileAnswer, CaseHistoryAnswer, CaseIntegrityAnswer, RevealAnswer } from './dto/case-reading.answers';
import { RevealRequest } from './dto/reveal.request';

/** The roles that read cases at all; which cases and how much of them is the access policy's decision. */
const CASE_READING_ROLES = ROLES.filter((role) => ROLE_ACCESS[role].read !== 'none') as [Role, ...Role[]];

/**
 * Reading a case: the case file (now or as it was), its history replayed step by step, revealing personal
 * fields to an auditor, and the integrity check. Every read that shows case data is recorded first.
 */
@ApiTags('Fallakte und Prüfung')
@Controller('api/cases/:caseId')
@ApiCaseIdParam()
export class CaseReadingController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Roles(...CASE_READING_ROLES)
  @ApiAuditRead({
    summary: 'Fallakte lesen',
    description:
      'Ohne Parameter die aktuelle Fallakte; mit `asOf` (Zeitpunkt der Speicherung) oder `atRevision` der Fall, wie er damals war, ' +
      'mit den Einträgen bis dahin. Personenbezogene Daten im Klartext für die Fallverantwortlichen der Organisationseinheit und die ' +
      'Koordinierungsstelle des Kreises, maskiert für die Prüfung. Jeder Aufruf wird als Einsicht protokolliert.',
    answer: CaseFileAnswer,
    recorded: true,
    refusals: 'Zu diesem Zeitpunkt oder Stand gab es den Fall nicht, oder der Grund nennt die Person.',
  })
  caseFile(
    @Param('caseId', caseIdPipe) caseId: string,
    @Query() params: CaseFileParams,
    @CurrentPrincipal() principal: Principal,
    @CaseAccessRequest() request: AccessRequest,
  ) {
    return this.queries.execute(new GetCaseFileQuery(caseId, principal, pointOf(params), params.reason ?? null, request));
  }

  @Get('history')
  @Roles(...CASE_READING_ROLES)
  @ApiAuditRead({
    summary: 'Verlauf nachvollziehen',
    description:
      'Alle Einträge in Reihenfolge, je mit einer Zusammenfassung und dem Stand des Falls danach. Für die Prüfung sind ' +
      'personenbezogene Felder maskiert; offenlegen lassen sie sich mit Begründung. Jeder Aufruf wird als Einsicht protokolliert.',
    answer: CaseHistoryAnswer,
    recorded: true,
    refusals: 'Der Grund nennt die Person.',
  })
  history(
    @Param('caseId', caseIdPipe) caseId: string,
    @Query() params: CaseHistoryParams,
    @CurrentPrincipal() principal: Principal,
    @CaseAccessRequest() request: AccessRequest,
  ) {
    return this.queries.execute(new GetCaseHistoryQuery(caseId, principal, params.reason ?? null, request));
  }

  @Post('reveal')
  @HttpCode(HttpStatus.OK)
  @Roles('auditor')
  @ApiAuditRead({
    summary: 'Personenbezogene Daten offenlegen',
    description:
      'Zeigt der Prüfung gewählte personenbezogene Felder im Klartext. Der Grund ist Pflicht und wird mit den offengelegten Feldern ' +
      'als Offenlegung protokolliert, bevor die Werte gezeigt werden.',
    answer: RevealAnswer,
    recorded: true,
    refusals: 'Keine Felder oder Einträge gewählt, ein Eintrag gehört nicht zum Fall, nichts offenzulegen, oder der Grund nennt die Person.',
  })
  reveal(
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() body: RevealRequest,
    @CurrentPrincipal() principal: Principal,
    @CaseAccessRequest() request: AccessRequest,
  ) {
    const selection = { fields: body.fields ?? [], eventIds: body.eventIds ?? [] };
    return this.queries.execute(new RevealPersonalDataQuery(caseId, principal, selection, body.reason, request));
  }

  @Get('integrity')
  @Roles(...AUDIT_READERS)
  @ApiAuditRead({
    summary: 'Integrität prüfen',
    description:
      'Prüft die Hash-Kette der Einträge des Falls und die seiner Zugriffsprotokolle, so wie sie gespeichert sind, und nennt das ' +
      'erste Glied, das nicht passt. Zeigt keine Falldaten und wird daher nicht als Einsicht protokolliert.',
    answer: CaseIntegrityAnswer,
    recorded: false,
  })
  integrity(@Param('caseId', caseIdPipe) caseId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new VerifyCaseIntegrityQuery(caseId, principal));
  }
}

function pointOf(params: CaseFileParams): CasePoint {
  if (params.asOf !== undefined && params.atRevision !== undefined) {
    throw new RequestValidationError([{ field: 'atRevision', message: 'Bitte geben Sie entweder asOf oder atRevision an, nicht beides.' }]);
  }
  if (params.asOf !== undefined) return { kind: 'as_of', asOf: params.asOf };
  if (params.atRevision !== undefined) return { kind: 'at_revision', revision: Number(params.atRevision) };
  return { kind: 'now' };
}
