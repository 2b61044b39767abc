import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../identity/public.decorator';
import type { WebResponse } from './web-http';

const STATIC_DIRECTORY = join(__dirname, 'static');
const TYPES: Readonly<Record<string, string>> = { 'app.css': 'text/css; charset=utf-8', 'enhance.js': 'text/javascript; charset=utf-8' };

/** The stylesheet and the small enhancement script: read once, served from memory, no build step. */
@Controller('static')
export class StaticAssetsController {
  private readonly files = new Map(Object.keys(TYPES).map((name) => [name, readFileSync(join(STATIC_DIRECTORY, name), 'utf8')]));

  @Get(':file')
  @Public()
  asset(@Param('file') file: string, @Res() response: WebResponse): void {
    const content = this.files.get(file);
    if (content === undefined) throw new NotFoundException();
    response.setHeader('Content-Type', TYPES[file]);
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.end(content);
  }
}
