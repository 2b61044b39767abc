import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../identity/roles.decorator';
import { CaseCommandExecutor } from './case-command.executor';
import { toOpenCase } from './case-command.mapper';
import { ApiCaseCommand } from './case-command.openapi';
import { CASE_CHANGING_ROLES } from './case-roles';
import { CaseCommandRequest, type CommandRequest } from './command-request.decorator';
import { OpenCaseAnswer } from './dto/case-command.answer';
import { OpenCaseRequest } from './dto/open-case.request';

@ApiTags('Fälle')
@Controller('api/cases')
@Roles(...CASE_CHANGING_ROLES)
export class CasesController {
  constructor(@Inject(CaseCommandExecutor) private readonly commands: CaseCommandExecutor) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCaseCommand({
    summary: 'Fall aufnehmen',
    description:
      'Legt einen Fall mit der Person an. Kennungen von Fall und Person vergibt der Server. Name, Geburtsdatum, ' +
      'Kontakt und Anschrift werden mit dem eigenen Schlüssel der Person verschlüsselt gespeichert.',
    answer: OpenCaseAnswer,
    opensCase: true,
  })
  open(@Body() body: OpenCaseRequest, @CaseCommandRequest() request: CommandRequest) {
    return this.commands.execute(request, 201, (context) => toOpenCase(body, context));
  }
}
