import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { pageModel } from './rendering/page.model';
import { startPathFor } from './rendering/navigation';
import { TemplateRenderer } from './rendering/template.renderer';
import { WebExceptionFilter } from './web-exception.filter';
import { csrfTokenOf, principalOf, redirectTo, sendPage, type WebRequest, type WebResponse } from './web-http';

/** The site's root leads each role to its start page; roles without pages get a page that says so. */
@Controller()
@UseFilters(WebExceptionFilter)
export class StartController {
  constructor(@Inject(TemplateRenderer) private readonly renderer: TemplateRenderer) {}

  @Get()
  root(@Req() request: WebRequest, @Res() response: WebResponse): void {
    redirectTo(response, startPathFor(principalOf(request).role));
  }

  @Get('start')
  start(@Req() request: WebRequest, @Res() response: WebResponse): void {
    const principal = principalOf(request);
    const page = pageModel({ title: 'Willkommen', principal, csrfToken: csrfTokenOf(request), path: '/start' });
    sendPage(response, 200, this.renderer.render('start', page));
  }
}
