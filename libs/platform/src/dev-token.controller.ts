import { Body, Controller, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { AccessTokens, type IssuedToken } from './access-tokens';
import { Public } from './auth.decorators';
import { OrgDirectory } from './org-directory';
import { IsText } from './validation';

export class DevTokenRequest {
  @IsText(1, 100)
  username!: string;
}

/** The one answer to a username that gets no token: it neither repeats the name nor says why. */
const NOT_ISSUED = 'No token is issued for this username.';

/**
 * Issues demo tokens for directory users; registered only in the demo profile. A username that is
 * not in the directory gets one fixed 401, whatever the name.
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
    const user = this.directory.findUser(body.username);
    if (!user) throw new UnauthorizedException(NOT_ISSUED);
    return this.tokens.issueDemoToken(user);
  }
}
