import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@dutychain/auth';
import { CurrentCaller, RequireRoles } from '@dutychain/auth';
import { TEXT_LIMITS } from '@dutychain/domain';
import { TextParamPipe } from '@dutychain/http';
import { AuthService } from './auth.service';
import { CreateApiKeyDto, IssueTokenDto } from './auth.dto';

@ApiTags('auth')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('me')
  me(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }

  @Post('tokens')
  @RequireRoles(['admin'])
  issueToken(
    @CurrentCaller() caller: Caller,
    @Body() dto: IssueTokenDto,
  ): Promise<{ token: string; expiresInSeconds: number }> {
    return this.auth.issueToken(caller, dto.personId, dto.unitId, dto.roles);
  }

  @Post('api-keys')
  @RequireRoles(['admin'])
  createApiKey(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateApiKeyDto,
  ): Promise<{ id: string; key: string }> {
    return this.auth.createApiKey(caller, dto.name, dto.unitId, dto.roles);
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @RequireRoles(['admin'])
  revokeApiKey(
    @CurrentCaller() caller: Caller,
    @Param('id', new TextParamPipe(TEXT_LIMITS.code)) id: string,
  ): Promise<void> {
    return this.auth.revokeApiKey(caller, id);
  }
}
