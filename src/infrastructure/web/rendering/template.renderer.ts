import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { join } from 'node:path';
import type { PageModel } from './page.model';

/** The templates beside the code; `npm run build` copies them next to the compiled files. */
export const VIEWS_DIRECTORY = join(__dirname, '..', 'views');

/**
 * Renders the pages with Eta (docs/decisions/0009-web-ui.md): every `<%= %>` is HTML-escaped, so text from a
 * case can never become markup. Templates only print prepared view models; they decide nothing.
 */
@Injectable()
export class TemplateRenderer {
  private readonly eta = new Eta({ views: VIEWS_DIRECTORY, cache: true, autoEscape: true, autoTrim: [false, 'nl'] });

  render(view: string, page: PageModel, content: object = {}): string {
    return this.eta.render(`./pages/${view}`, { ...content, page });
  }
}
