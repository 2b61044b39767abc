import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AccessRequest } from '../../../application/audit/case-access.recorder';
import type { Principal } from '../../../application/identity/principal';
import {
  GetLegalStatusTimelineQuery,
  type LegalStatusTimelineAnswer as LegalStatusTimelineView,
} from '../../../application/legal-status-timeline/get-legal-status-timeline.query';
import { ROLE_ACCESS, ROLES, type Role } from '../../../domain/case/access.policy';
import { CurrentPrincipal } from '../../identity/current-principal.decorator';
import { Roles } from '../../identity/roles.decorator';
import { ApiErrorResponse } from '../api-error.dto';
import { CaseAccessRequest } from '../audit/access-request.decorator';
import { ApiCaseIdParam } from '../cases/case-command.openapi';
import { caseIdPipe } from '../cases/path-id.pipe';
import { LegalStatusTimelineAnswer } from './dto/legal-status-timeline.answer';
import { LegalStatusTimelineParams } from './dto/legal-status-timeline.params';
import { ApiReadModel } from './read-model.openapi';
import { actorOf } from './reader.actor';

/** The roles that read cases at all; which cases is decided per case by the access policy. */
const CASE_READING_ROLES = ROLES.filter((role) => ROLE_ACCESS[role].read !== 'none') as [Role, ...Role[]];

@ApiTags('Aufenthaltsrecht')
@Controller('api/cases/:caseId/legal-status-timeline')
@ApiCaseIdParam()
@Roles(...CASE_READING_ROLES)
export class LegalStatusTimelineController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiReadModel({
    summary: 'Aufenthaltsrechtlicher Verlauf',
    description:
      'Jeder Aufenthaltsstatus mit Gültigkeit, Rechtsgrundlage (Code, Bezeichnung, Paragraf), Dokument, Quelle, Wirksamkeitsdatum ' +
      'und dem Status, den er ablöste; Korrekturen beim korrigierten Eintrag; Rechtskreiswechsel. Nach Wirksamkeitsdatum geordnet, ' +
      'mit Ablaufwarnung (90 Tage) für den geltenden Titel. Enthält keine personenbezogenen Angaben der Person.',
    answer: LegalStatusTimelineAnswer,
    forbidden: 'Die Rolle sieht keine Fälle (Berichtswesen, Administration).',
  })
  @ApiNotFoundResponse({ type: ApiErrorResponse, description: 'Den Fall gibt es nicht, oder er ist für Sie nicht sichtbar.' })
  timeline(
    @Param('caseId', caseIdPipe) caseId: string,
    @Query() params: LegalStatusTimelineParams,
    @CurrentPrincipal() principal: Principal,
    @CaseAccessRequest() request: AccessRequest,
  ): Promise<LegalStatusTimelineView> {
    return this.queries.execute(new GetLegalStatusTimelineQuery(actorOf(principal), caseId, request, params.waitFor ?? null));
  }
}
