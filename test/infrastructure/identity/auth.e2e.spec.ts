import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { Principal } from '../../../src/application/identity/principal';
import { type AppConfig, loadConfig } from '../../../src/infrastructure/config/app.config';
import { ConfigModule } from '../../../src/infrastructure/config/config.module';
import { CurrentPrincipal } from '../../../src/infrastructure/identity/current-principal.decorator';
import { DEMO_PASSWORD } from '../../../src/infrastructure/identity/demo-district.seed';
import { addIdentitySecuritySchemes } from '../../../src/infrastructure/identity/identity.openapi';
import { IdentityModule } from '../../../src/infrastructure/identity/identity.module';
import { Public } from '../../../src/infrastructure/identity/public.decorator';
import { Roles } from '../../../src/infrastructure/identity/roles.decorator';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { LoggingModule } from '../../../src/infrastructure/logging/logging.module';
import { manualClock } from './identity.fixtures';

/** Stands for the application's controllers: what the identity module protects. */
@Controller('test')
class ProtectedController {
  @Get('whoami')
  whoami(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post('notes')
  @HttpCode(201)
  note(@CurrentPrincipal() principal: Principal, @Body() body: Record<string, unknown>) {
    return { by: principal.username, received: body };
  }

  @Get('caseloads')
  @Roles('coordination')
  caseloads() {
    return { caseloads: [] };
  }

  @Get('open')
  @Public()
  open() {
    return { open: true };
  }
}

const DAY = 86_400_000;
const IP_LIMIT = 10;

describe('identity over HTTP: sign-in, guards, CSRF, rate limits (PGlite, demo district)', () => {
  let app: NestExpressApplication;
  const time = manualClock();
  const logLines: string[] = [];
  let nextIp = 1;

  /** Requests from one client address of their own, so the per-address limit of one test never hits another. */
  function client() {
    const ip = `10.0.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;
    const server = app.getHttpServer();
    return {
      get: (path: string) => request(server).get(path).set('X-Forwarded-For', ip),
      post: (path: string) => request(server).post(path).set('X-Forwarded-For', ip),
    };
  }

  async function browserSession(username: string) {
    const response = await client().post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    const setCookie = (response.headers['set-cookie'] as unknown as string[])[0];
    return { cookie: setCookie.split(';')[0], csrfToken: response.body.csrfToken as string, body: response.body, setCookie };
  }

  async function apiToken(username: string, expiresInDays?: number) {
    const response = await client().post('/api/auth/tokens').send({ username, password: DEMO_PASSWORD, expiresInDays }).expect(201);
    return response.body as { token: string; expiresAt: string; tokenType: string; principal: Principal };
  }

  beforeAll(async () => {
    const config: AppConfig = { ...loadConfig({}), database: { kind: 'pglite', dataDir: null } };
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        IdentityModule.forRoot({
          secureCookie: true,
          demoData: true,
          clock: time.clock,
          loginRateLimitPerIp: { limit: IP_LIMIT, windowMs: 60_000 },
        }),
      ],
      controllers: [ProtectedController],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    app.set('trust proxy', true);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('signing in', () => {
    it('sets an HttpOnly, SameSite=Lax, Secure session cookie for the whole site and answers with the principal and CSRF token', async () => {
      const { setCookie, body } = await browserSession('cm-ki');
      expect(setCookie).toMatch(/^kim_session=kim_[A-Za-z0-9_-]{43}; /);
      expect(setCookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure']);
      expect(body).toEqual({
        principal: {
          userId: expect.any(String),
          username: 'cm-ki',
          displayName: 'Case Management KI (Demo)',
          role: 'case_manager',
          organisationUnitId: 'demo-ki',
          districtId: 'demo-kreis-heinsberg',
        },
        csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresAt: new Date(time.clock().getTime() + 10 * 3_600_000).toISOString(),
      });
    });

    it('answers an unknown user and a wrong password identically', async () => {
      const unknown = await client().post('/api/auth/login').send({ username: 'niemand', password: DEMO_PASSWORD }).expect(401);
      const wrong = await client().post('/api/auth/login').send({ username: 'cm-drk', password: 'falsches Passwort' }).expect(401);
      expect(unknown.body).toEqual({ statusCode: 401, code: 'invalid_credentials', message: 'Benutzername oder Passwort ist falsch.' });
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('forbids caching of responses that carry tokens', async () => {
      const response = await client().post('/api/auth/login').send({ username: 'cm-ki', password: DEMO_PASSWORD }).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('refuses a request without username or password', async () => {
      await client().post('/api/auth/login').send({ username: 'cm-ki' }).expect(400);
    });

    it('locks a username after 5 failed attempts, refusing even the right password, with Retry-After', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await client().post('/api/auth/login').send({ username: 'berichtswesen', password: `falsch ${attempt}` }).expect(401);
      }
      const locked = await client().post('/api/auth/login').send({ username: 'berichtswesen', password: DEMO_PASSWORD }).expect(429);
      expect(locked.body).toEqual({ statusCode: 429, code: 'login_locked', message: expect.stringContaining('Zu viele fehlgeschlagene Anmeldeversuche') });
      expect(locked.headers['retry-after']).toBe(String(15 * 60));
      await client().post('/api/auth/tokens').send({ username: 'berichtswesen', password: DEMO_PASSWORD }).expect(429);
    });

    it('limits sign-in requests per client address, whatever the username', async () => {
      const sameAddress = client();
      for (let attempt = 0; attempt < IP_LIMIT; attempt++) {
        await sameAddress.post('/api/auth/login').send({ username: `probe-${attempt}`, password: 'irgendein Passwort' }).expect(401);
      }
      const limited = await sameAddress.post('/api/auth/login').send({ username: 'cm-ki', password: DEMO_PASSWORD }).expect(429);
      expect(limited.body.message).toContain('Zu viele Anmeldeversuche von dieser Adresse');
      await client().post('/api/auth/login').send({ username: 'cm-ki', password: DEMO_PASSWORD }).expect(200);
    });
  });

  describe('authenticating requests', () => {
    it('accepts the session cookie', async () => {
      const { cookie } = await browserSession('cm-drk');
      const response = await client().get('/test/whoami').set('Cookie', `theme=dark; ${cookie}`).expect(200);
      expect(response.body).toMatchObject({ username: 'cm-drk', role: 'case_manager', organisationUnitId: 'demo-drk' });
    });

    it('accepts a bearer token, valid for 30 days unless asked otherwise', async () => {
      const issued = await apiToken('koordination');
      expect(issued.tokenType).toBe('Bearer');
      expect(issued.expiresAt).toBe(new Date(time.clock().getTime() + 30 * DAY).toISOString());
      const response = await client().get('/test/whoami').set('Authorization', `Bearer ${issued.token}`).expect(200);
      expect(response.body).toMatchObject({ username: 'koordination', role: 'coordination', organisationUnitId: 'demo-ki' });
    });

    it('tells who is signed in, how, and until when; with the CSRF token for cookie sessions only', async () => {
      const session = await browserSession('cm-ki');
      const viaCookie = await client().get('/api/auth/me').set('Cookie', session.cookie).expect(200);
      expect(viaCookie.body).toEqual({ principal: session.body.principal, authenticatedWith: 'cookie', csrfToken: session.csrfToken, expiresAt: session.body.expiresAt });
      const issued = await apiToken('cm-ki', 7);
      const viaBearer = await client().get('/api/auth/me').set('Authorization', `Bearer ${issued.token}`).expect(200);
      expect(viaBearer.body).toEqual({ principal: issued.principal, authenticatedWith: 'bearer', csrfToken: null, expiresAt: issued.expiresAt });
    });

    it('answers 401 with WWW-Authenticate without credentials, for unknown tokens and for other schemes', async () => {
      const none = await client().get('/test/whoami').expect(401);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="kim"');
      expect(none.body).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
      await client().get('/test/whoami').set('Authorization', `Bearer kim_${'x'.repeat(43)}`).expect(401);
      await client().get('/test/whoami').set('Authorization', 'Basic Y20ta2k6S0lNLURlbW8tSGVpbnNiZXJn').expect(401);
      await client().get('/test/whoami').set('Cookie', 'kim_session=forged').expect(401);
    });

    it('does not accept a session cookie as a bearer token, nor a bearer token as a cookie', async () => {
      const { cookie } = await browserSession('cm-ki');
      const issued = await apiToken('cm-ki');
      await client().get('/test/whoami').set('Authorization', `Bearer ${cookie.split('=')[1]}`).expect(401);
      await client().get('/test/whoami').set('Cookie', `kim_session=${issued.token}`).expect(401);
    });

    it('lets everyone reach routes marked @Public()', async () => {
      expect((await client().get('/test/open').expect(200)).body).toEqual({ open: true });
    });

    it('refuses an expired API token', async () => {
      const issued = await apiToken('cm-diakonie', 1);
      await client().get('/test/whoami').set('Authorization', `Bearer ${issued.token}`).expect(200);
      time.advance(DAY);
      await client().get('/test/whoami').set('Authorization', `Bearer ${issued.token}`).expect(401);
    });

    it('refuses API token lifetimes beyond 90 days', async () => {
      await client().post('/api/auth/tokens').send({ username: 'cm-ki', password: DEMO_PASSWORD, expiresInDays: 91 }).expect(400);
    });
  });

  describe('roles', () => {
    it('answers 403 to a role the route does not allow, and lets the allowed role through', async () => {
      const caseManager = await apiToken('cm-ki');
      const coordination = await apiToken('koordination');
      const refused = await client().get('/test/caseloads').set('Authorization', `Bearer ${caseManager.token}`).expect(403);
      expect(refused.body).toEqual({ statusCode: 403, code: 'role_not_permitted', message: 'Ihre Rolle berechtigt nicht zu dieser Funktion.' });
      await client().get('/test/caseloads').set('Authorization', `Bearer ${coordination.token}`).expect(200);
    });

    it('answers 401, not 403, when nobody is signed in', async () => {
      await client().get('/test/caseloads').expect(401);
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated POST without the CSRF token, or with another session’s', async () => {
      const session = await browserSession('cm-ki');
      const other = await browserSession('cm-ki');
      const missing = await client().post('/test/notes').set('Cookie', session.cookie).send({ text: 'x' }).expect(403);
      expect(missing.body).toMatchObject({ statusCode: 403, code: 'csrf_token_invalid', message: expect.stringContaining('X-CSRF-Token') });
      await client().post('/test/notes').set('Cookie', session.cookie).set('X-CSRF-Token', other.csrfToken).send({ text: 'x' }).expect(403);
    });

    it('accepts the token in the X-CSRF-Token header', async () => {
      const session = await browserSession('cm-ki');
      const response = await client().post('/test/notes').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).send({ text: 'x' }).expect(201);
      expect(response.body).toEqual({ by: 'cm-ki', received: { text: 'x' } });
    });

    it('accepts the token in the _csrf form field, and hands the body on without it', async () => {
      const session = await browserSession('cm-ki');
      const response = await client()
        .post('/test/notes')
        .set('Cookie', session.cookie)
        .type('form')
        .send({ text: 'x', _csrf: session.csrfToken })
        .expect(201);
      expect(response.body).toEqual({ by: 'cm-ki', received: { text: 'x' } });
    });

    it('does not ask bearer-token requests for one', async () => {
      const issued = await apiToken('cm-ki');
      await client().post('/test/notes').set('Authorization', `Bearer ${issued.token}`).send({ text: 'x' }).expect(201);
    });
  });

  describe('signing out', () => {
    it('needs the CSRF token, ends the session and clears the cookie', async () => {
      const session = await browserSession('cm-drk');
      await client().post('/api/auth/logout').set('Cookie', session.cookie).expect(403);
      const response = await client().post('/api/auth/logout').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).expect(204);
      expect((response.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^kim_session=; .*Expires=Thu, 01 Jan 1970/);
      await client().get('/test/whoami').set('Cookie', session.cookie).expect(401);
    });

    it('revokes the API token it is called with', async () => {
      const issued = await apiToken('cm-drk');
      await client().post('/api/auth/logout').set('Authorization', `Bearer ${issued.token}`).expect(204);
      await client().get('/test/whoami').set('Authorization', `Bearer ${issued.token}`).expect(401);
    });
  });

  it('documents the auth routes in OpenAPI with both security schemes', () => {
    const document = SwaggerModule.createDocument(app, addIdentitySecuritySchemes(new DocumentBuilder()).build());
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['bearer', 'session']);
    expect(document.paths['/api/auth/login'].post?.responses).toHaveProperty('200');
    expect(document.paths['/api/auth/login'].post?.responses).toHaveProperty('429');
    expect(document.paths['/api/auth/tokens'].post?.responses).toHaveProperty('201');
    expect(document.paths['/api/auth/me'].get?.security).toEqual(expect.arrayContaining([{ session: [] }, { bearer: [] }]));
    expect(document.paths['/api/auth/logout'].post?.parameters).toContainEqual(expect.objectContaining({ name: 'x-csrf-token', in: 'header' }));
  });

  it('never logs a password, a token or a CSRF token', async () => {
    const session = await browserSession('cm-ki');
    const issued = await apiToken('cm-ki');
    const log = logLines.join('\n');
    expect(log).toContain('"event":"login"');
    for (const secret of [DEMO_PASSWORD, session.cookie.split('=')[1], session.csrfToken, issued.token]) expect(log).not.toContain(secret);
  });
});
