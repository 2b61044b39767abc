import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../identity/roles.decorator';
import { CaseCommandExecutor } from './case-command.executor';
import * as map from './case-command.mapper';
import { ApiCaseCommand, ApiCaseIdParam } from './case-command.openapi';
import { CASE_CHANGING_ROLES } from './case-roles';
import { CaseCommandRequest, type CommandRequest } from './command-request.decorator';
import { CaseCommandAnswer } from './dto/case-command.answer';
import { CloseCaseRequest } from './dto/close-case.request';
import { CorrectEntryRequest } from './dto/correct-entry.request';
import { EraseClientDataRequest } from './dto/erase-client-data.request';
import { ReassignCaseRequest } from './dto/reassign-case.request';
import { ReopenCaseRequest } from './dto/reopen-case.request';
import { caseIdPipe } from './path-id.pipe';

/**
 * What happens to the case as a whole: reassignment, closure, reopening, corrections and erasure. All but
 * reopening must say why (`reason`); a closed case takes only reopening, corrections and erasure.
 */
@ApiTags('Fallverlauf')
@Controller('api/cases/:caseId')
@Roles(...CASE_CHANGING_ROLES)
@ApiCaseIdParam()
export class CaseLifecycleController {
  constructor(@Inject(CaseCommandExecutor) private readonly commands: CaseCommandExecutor) {}

  @Post('reassignment')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({
    summary: 'Fall übergeben',
    description: 'An eine andere Fallverantwortung; an eine andere Organisationseinheit nur durch die Koordinierungsstelle.',
    answer: CaseCommandAnswer,
  })
  reassign(@Param('caseId', caseIdPipe) caseId: string, @Body() body: ReassignCaseRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toReassignCase(caseId, body, context));
  }

  @Post('closure')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({ summary: 'Fall abschließen', answer: CaseCommandAnswer })
  close(@Param('caseId', caseIdPipe) caseId: string, @Body() body: CloseCaseRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toCloseCase(caseId, body, context));
  }

  @Post('reopening')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({ summary: 'Fall wieder aufnehmen', description: 'Der Fall kehrt in die Phase Assessment zurück.', answer: CaseCommandAnswer })
  reopen(@Param('caseId', caseIdPipe) caseId: string, @Body() body: ReopenCaseRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toReopenCase(caseId, body, context));
  }

  @Post('corrections')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({
    summary: 'Eintrag korrigieren',
    description: 'Einträge werden nie geändert: die Korrektur ist ein neuer Eintrag, der den fehlerhaften benennt.',
    answer: CaseCommandAnswer,
  })
  correct(@Param('caseId', caseIdPipe) caseId: string, @Body() body: CorrectEntryRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toCorrectEntry(caseId, body, context));
  }

  @Post('erasure')
  @HttpCode(HttpStatus.OK)
  @ApiCaseCommand({
    summary: 'Personenbezogene Daten löschen',
    description:
      'Vernichtet den Schlüssel der Person (Crypto-Shredding): die Einträge bleiben, ihre personenbezogenen Felder sind danach unlesbar. ' +
      'Ein offener Fall wird dabei abgeschlossen. Nicht umkehrbar.',
    answer: CaseCommandAnswer,
  })
  erase(@Param('caseId', caseIdPipe) caseId: string, @Body() body: EraseClientDataRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 200, (context) => map.toEraseClientData(caseId, body, context));
  }
}
