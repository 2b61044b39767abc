import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { Principal } from '../../application/identity/principal';
import { ROLES, type Role } from '../../domain/case/access.policy';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS } from './identity.options';
import { PASSWORD_MAX_LENGTH } from './password.policy';

export class LoginRequest {
  @ApiProperty({ example: 'cm-ki', description: 'Groß- und Kleinschreibung werden nicht unterschieden.' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty({ format: 'password', example: 'KIM-Demo-Heinsberg' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password!: string;
}

export class TokenRequest extends LoginRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: API_TOKEN_MAX_DAYS, default: API_TOKEN_DEFAULT_DAYS, description: 'Gültigkeit in Tagen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(API_TOKEN_MAX_DAYS)
  expiresInDays?: number;
}

export class PrincipalView implements Principal {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ example: 'cm-ki' })
  username!: string;

  @ApiProperty({ example: 'Case Management KI (Demo)' })
  displayName!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ type: String, nullable: true, description: 'Leer bei kreisweiten Rollen ohne Organisationseinheit' })
  organisationUnitId!: string | null;

  @ApiProperty({ example: 'demo-kreis-heinsberg' })
  districtId!: string;
}

export class LoginResponse {
  @ApiProperty({ type: PrincipalView })
  principal!: PrincipalView;

  @ApiProperty({ description: 'Bei jeder verändernden Anfrage mitsenden: Kopfzeile X-CSRF-Token oder Formularfeld _csrf.' })
  csrfToken!: string;

  @ApiProperty({ format: 'date-time', description: 'Spätestes Ende der Sitzung; ohne Anfragen endet sie früher (Leerlauf-Zeitlimit).' })
  expiresAt!: string;
}

export class TokenResponse {
  @ApiProperty({ description: 'Wird nur dieses eine Mal gezeigt. Senden als `Authorization: Bearer <token>`.' })
  token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: PrincipalView })
  principal!: PrincipalView;
}

export class MeResponse {
  @ApiProperty({ type: PrincipalView })
  principal!: PrincipalView;

  @ApiProperty({ enum: ['cookie', 'bearer'] })
  authenticatedWith!: 'cookie' | 'bearer';

  @ApiProperty({ type: String, nullable: true, description: 'Das CSRF-Token der Browser-Sitzung; leer bei Bearer-Token.' })
  csrfToken!: string | null;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class AuthErrorResponse {
  @ApiProperty({ example: 401 })
  statusCode!: number;

  @ApiProperty({ example: 'invalid_credentials' })
  code!: string;

  @ApiProperty({ example: 'Benutzername oder Passwort ist falsch.' })
  message!: string;
}

export function principalView(principal: Principal): PrincipalView {
  return {
    userId: principal.userId,
    username: principal.username,
    displayName: principal.displayName,
    role: principal.role,
    organisationUnitId: principal.organisationUnitId,
    districtId: principal.districtId,
  };
}
