import { Body, Controller, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { IsOptional, IsString, Matches } from 'class-validator';
import { AccessTokens, type IssuedToken } from './access-tokens';
import { Public } from './auth.decorators';
import { DEMO_PLATFORM_ADMIN } from './demo-directory';
import { OrgDirectory } from './org-directory';
import { IsText } from './validation';

export class DevTokenRequest {
  @IsText(1, 100)
  username!: string;

  /** The tenant whose user it is; without it, the only tenant that has a user of that name. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, { message: 'tenantId must be a tenant id' })
  tenantId?: string;
}

/** The one answer to a username that gets no token: it neither repeats the name nor says why. */
const NOT_ISSUED = 'No token is issued for this username.';

/**
 * Issues demo tokens for directory users, and for the demo platform administrator
 * (`platform-admin`); registered only in the demo profile. A username that is not in the directory
 * gets one fixed 401, whatever the name.
 */
@Controller('api/v1/auth')
export class DevTokenController {
  constructor(
    private readonly directory: OrgDirectory,
    private readonly tokens: AccessTokens,
  ) {}

  @Public()
  @Post('dev-token')
  @HttpCode(200)
  async issue(@Body() body: DevTokenRequest): Promise<IssuedToken> {
    const platformAdmin =
      body.username === DEMO_PLATFORM_ADMIN.username &&
      (body.tenantId === undefined || body.tenantId === DEMO_PLATFORM_ADMIN.tenantId);
    const user = platformAdmin ? DEMO_PLATFORM_ADMIN : this.directory.findUser(body.username, body.tenantId);
    if (!user) throw new UnauthorizedException(NOT_ISSUED);
    return this.tokens.issueDemoToken(user);
  }
}
