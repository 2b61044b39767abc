import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Post,
  Res,
  UnauthorizedException,
  UseGuards,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthErrorResponse, LoginRequest, LoginResponse, MeResponse, principalView, TokenRequest, TokenResponse } from './auth.dto';
import { type Authentication, AuthenticationService, type IssuedSession } from './authentication.service';
import { CurrentAuthentication } from './current-principal.decorator';
import { CSRF_HEADER } from './csrf';
import { InvalidCredentialsError, LoginTemporarilyLockedError } from './identity.errors';
import { BEARER_SECURITY_SCHEME, SESSION_SECURITY_SCHEME } from './identity.openapi';
import { API_TOKEN_DEFAULT_DAYS, IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { LoginThrottleGuard } from './login-throttle.guard';
import { Public } from './public.decorator';
import { SESSION_COOKIE, type SessionCookieOptions, sessionCookieOptions } from './session-cookie';

/** What the auth routes use of Express's response. */
interface CookieResponse {
  cookie(name: string, value: string, options: SessionCookieOptions): unknown;
  clearCookie(name: string, options: SessionCookieOptions): unknown;
  setHeader(name: string, value: string): unknown;
}

const SIGN_IN_REFUSED = 'Benutzername oder Passwort ist falsch.';
const TOO_MANY_REQUESTS = {
  type: AuthErrorResponse,
  description: 'Zu viele Versuche: je Benutzername (5 Fehlversuche in 15 Minuten) oder je Adresse.',
};
const SESSION_COOKIE_HEADER = {
  'Set-Cookie': { description: 'kim_session=…; Path=/; HttpOnly; SameSite=Lax', schema: { type: 'string' } },
};

@ApiTags('Anmeldung')
@Controller('api/auth')
// Scoped here so the sign-in routes validate even before the application installs a global pipe.
@UsePipes(new ValidationPipe({ whitelist: true, transform: true }))
export class AuthController {
  constructor(
    @Inject(AuthenticationService) private readonly authentication: AuthenticationService,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Im Browser anmelden',
    description:
      'Prüft Benutzername und Passwort und setzt das Sitzungs-Cookie `kim_session` (HttpOnly, SameSite=Lax). ' +
      'Die Antwort enthält das CSRF-Token, das jede verändernde Anfrage mitsenden muss.',
  })
  @ApiOkResponse({ type: LoginResponse, headers: SESSION_COOKIE_HEADER })
  @ApiBadRequestResponse({ description: 'Benutzername oder Passwort fehlt.' })
  @ApiUnauthorizedResponse({
    type: AuthErrorResponse,
    description: 'Unbekannter Benutzer, falsches Passwort oder gesperrtes Konto: immer dieselbe Antwort.',
  })
  @ApiTooManyRequestsResponse(TOO_MANY_REQUESTS)
  async login(@Body() body: LoginRequest, @Res({ passthrough: true }) response: CookieResponse): Promise<LoginResponse> {
    const session = await this.signIn(response, () => this.authentication.login(body.username, body.password, { kind: 'browser' }));
    response.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(this.options.secureCookie));
    return { principal: principalView(session.principal), csrfToken: session.csrfToken!, expiresAt: session.expiresAt.toISOString() };
  }

  @Post('tokens')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(HttpStatus.CREATED)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'API-Token ausstellen',
    description:
      'Für Skripte und Schnittstellen: tauscht Benutzername und Passwort gegen ein Bearer-Token mit Ablaufdatum. ' +
      'Anfragen mit Bearer-Token brauchen kein CSRF-Token. Abmelden mit dem Token widerruft es.',
  })
  @ApiCreatedResponse({ type: TokenResponse })
  @ApiBadRequestResponse({ description: 'Fehlende Angaben oder Gültigkeit außerhalb von 1 bis 90 Tagen.' })
  @ApiUnauthorizedResponse({ type: AuthErrorResponse })
  @ApiTooManyRequestsResponse(TOO_MANY_REQUESTS)
  async issueToken(@Body() body: TokenRequest, @Res({ passthrough: true }) response: CookieResponse): Promise<TokenResponse> {
    const lifetimeDays = body.expiresInDays ?? API_TOKEN_DEFAULT_DAYS;
    const session = await this.signIn(response, () => this.authentication.login(body.username, body.password, { kind: 'api', lifetimeDays }));
    return { token: session.token, tokenType: 'Bearer', expiresAt: session.expiresAt.toISOString(), principal: principalView(session.principal) };
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiCookieAuth(SESSION_SECURITY_SCHEME)
  @ApiBearerAuth(BEARER_SECURITY_SCHEME)
  @ApiHeader({ name: CSRF_HEADER, required: false, description: 'Pflicht bei Anmeldung per Cookie' })
  @ApiOperation({ summary: 'Abmelden', description: 'Beendet die Browser-Sitzung oder widerruft das vorgelegte API-Token.' })
  @ApiNoContentResponse({ description: 'Abgemeldet; das Cookie wird gelöscht.' })
  @ApiUnauthorizedResponse({ type: AuthErrorResponse })
  @ApiForbiddenResponse({ type: AuthErrorResponse, description: 'CSRF-Token fehlt oder ist falsch.' })
  async logout(@CurrentAuthentication() authentication: Authentication, @Res({ passthrough: true }) response: CookieResponse): Promise<void> {
    await this.authentication.logout(authentication);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.options.secureCookie));
  }

  @Get('me')
  @Header('Cache-Control', 'no-store')
  @ApiCookieAuth(SESSION_SECURITY_SCHEME)
  @ApiBearerAuth(BEARER_SECURITY_SCHEME)
  @ApiOperation({
    summary: 'Angemeldete Person',
    description: 'Wer angemeldet ist, mit welcher Rolle, bis wann; bei Cookie-Sitzungen auch das CSRF-Token (etwa nach einem Neuladen der Seite).',
  })
  @ApiOkResponse({ type: MeResponse })
  @ApiUnauthorizedResponse({ type: AuthErrorResponse })
  me(@CurrentAuthentication() authentication: Authentication): MeResponse {
    return {
      principal: principalView(authentication.principal),
      authenticatedWith: authentication.kind === 'browser' ? 'cookie' : 'bearer',
      csrfToken: authentication.csrfToken,
      expiresAt: authentication.expiresAt.toISOString(),
    };
  }

  private async signIn(response: CookieResponse, login: () => Promise<IssuedSession>): Promise<IssuedSession> {
    try {
      return await login();
    } catch (error) {
      if (error instanceof InvalidCredentialsError) {
        throw new UnauthorizedException({ statusCode: 401, code: 'invalid_credentials', message: SIGN_IN_REFUSED });
      }
      if (error instanceof LoginTemporarilyLockedError) {
        const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - this.options.clock().getTime()) / 1000));
        response.setHeader('Retry-After', String(seconds));
        throw new HttpException(
          {
            statusCode: 429,
            code: 'login_locked',
            message: 'Zu viele fehlgeschlagene Anmeldeversuche mit diesem Benutzernamen. Bitte versuchen Sie es später noch einmal.',
          },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
      throw error;
    }
  }
}
