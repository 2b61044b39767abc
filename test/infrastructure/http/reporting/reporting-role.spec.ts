import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC } from '../../../../src/infrastructure/identity/public.decorator';
import { REQUIRED_ROLES } from '../../../../src/infrastructure/identity/roles.decorator';

/**
 * privacy-and-access.md: the reporting role sees aggregated reports and nothing else. Checked over every route
 * of every controller in the code base: a route that lets a reporting account in either names it in
 * `@Roles(...)` and serves reports, or takes any signed-in person and only concerns their own session.
 */
const SRC = join(__dirname, '../../../../src');
/** Where report pages and files live (the API; the web pages on top of it). */
const REPORT_PATHS = /^\/?(api\/reports|berichte|reports)(\/|$)/;
/** Routes every signed-in person reaches: signing out, who am I, the start page that links onwards. */
const SESSION_ROUTES = new Set(['AuthController.logout', 'AuthController.me', 'LoginController.logout', 'StartController.root', 'StartController.start']);

interface Route {
  name: string;
  path: string;
  roles: string[] | undefined;
  isPublic: boolean;
}

async function routes(): Promise<Route[]> {
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((file) => file.endsWith('.controller.ts'));
  const found: Route[] = [];
  for (const file of files) {
    for (const value of Object.values((await import(join(SRC, file))) as Record<string, unknown>)) {
      if (typeof value !== 'function' || Reflect.getMetadata(PATH_METADATA, value) === undefined) continue;
      const prototype = value.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        found.push({
          name: `${value.name}.${method}`,
          path: `${String(Reflect.getMetadata(PATH_METADATA, value))}`,
          roles: Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, value),
          isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, value)),
        });
      }
    }
  }
  expect(files.map((file) => relative(SRC, join(SRC, file)))).toContain('infrastructure/http/reporting/funding-report.controller.ts');
  return found;
}

describe('the reporting role reaches reports and its own session, nothing else', () => {
  let all: Route[];
  beforeAll(async () => {
    all = await routes();
  });

  it('every route that names the reporting role serves reports', () => {
    const reporting = all.filter((route) => route.roles?.includes('reporting'));
    expect(reporting.map((route) => route.name)).toEqual(expect.arrayContaining(['FundingReportController.report', 'FundingReportController.comparison']));
    for (const route of reporting) expect({ route: route.name, path: route.path, serves: REPORT_PATHS.test(route.path) }).toEqual({ route: route.name, path: route.path, serves: true });
  });

  it('every route open to any signed-in person concerns only the own session', () => {
    // The whole application is checked, not just this module: the case, audit and web routes are there.
    expect(all.filter((route) => route.roles !== undefined && !route.roles.includes('reporting')).length).toBeGreaterThan(10);
    const anyone = all.filter((route) => route.roles === undefined && !route.isPublic).map((route) => route.name);
    expect(anyone.filter((name) => !SESSION_ROUTES.has(name))).toEqual([]);
  });
});
