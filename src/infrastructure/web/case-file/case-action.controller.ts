import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { CaseNotFoundError } from '../../../domain/case/case.errors';
import { CASE_CHANGING_ROLES } from '../../http/cases/case-roles';
import { caseIdPipe, PathIdPipe } from '../../http/cases/path-id.pipe';
import { Roles } from '../../identity/roles.decorator';
import { WebExceptionFilter } from '../web-exception.filter';
import type { WebRequest, WebResponse } from '../web-http';
import { CaseActionPages } from './case-action.pages';
import { caseActionOf } from './case-actions.catalog';
import type { CaseAction } from './case-action.types';

const childIdPipe = new PathIdPipe(() => new CaseNotFoundError());

/** One form per case command: `/faelle/{caseId}/aktion/{action}`, or `…/{action}/{goal, referral or follow-up}`. */
@Controller('faelle/:caseId/aktion')
@Roles(...CASE_CHANGING_ROLES)
@UseFilters(WebExceptionFilter)
export class CaseActionController {
  constructor(@Inject(CaseActionPages) private readonly pages: CaseActionPages) {}

  @Get(':action')
  form(@Param('caseId', caseIdPipe) caseId: string, @Param('action') slug: string, @Req() request: WebRequest, @Res() response: WebResponse) {
    return this.pages.show(actionFor(slug, false), caseId, null, request, response);
  }

  @Get(':action/:childId')
  childForm(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('action') slug: string,
    @Param('childId', childIdPipe) childId: string,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    return this.pages.show(actionFor(slug, true), caseId, childId, request, response);
  }

  @Post(':action')
  submit(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('action') slug: string,
    @Body() body: unknown,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    return this.pages.submit(actionFor(slug, false), caseId, null, body, request, response);
  }

  @Post(':action/:childId')
  childSubmit(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('action') slug: string,
    @Param('childId', childIdPipe) childId: string,
    @Body() body: unknown,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    return this.pages.submit(actionFor(slug, true), caseId, childId, body, request, response);
  }
}

/** An unknown action, or one used with or without the child it needs, names no page. */
function actionFor(slug: string, withChild: boolean): CaseAction {
  const action = caseActionOf(slug);
  if (action === undefined || (action.child !== undefined) !== withChild) throw new CaseNotFoundError();
  return action;
}
