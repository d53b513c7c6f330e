import { Body, Controller, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import { AccessTokens, type IssuedToken } from './access-tokens';
import { Public } from './auth.decorators';
import { OrgDirectory } from './org-directory';

export class DevTokenRequest {
  @IsString()
  @Length(1, 100)
  username!: string;
}

/** Issues demo tokens for directory users; registered only in the demo profile. */
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
    if (!user) throw new UnauthorizedException(`Unknown user "${body.username}".`);
    return this.tokens.issueDemoToken(user);
  }
}
