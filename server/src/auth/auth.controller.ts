import { Body, Controller, Get, HttpCode, Post, Put, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { DemoAccounts, LoginResponse, Me, TokenPair } from '@linli/shared';
import { AppError } from '../common/app-error';
import { AllowInitialPassword, Caller, CurrentCaller, Public } from '../common/caller';
import { RetryAfterInterceptor } from '../common/retry-after';
import { AppConfig } from '../config/app-config';
import { DEMO_ACCOUNTS } from '../database/seed/demo-accounts';
import { AuthService } from './auth.service';
import { PasswordService } from './password.service';
import { ChangePasswordDto, DevLoginDto, LinkWechatDto, PhoneCodeDto, RefreshDto, StaffLoginDto, SwitchRoomDto, WxLoginDto } from './dto/auth.dto';
import { ApiDoc, ref } from '../common/openapi/api-doc';

@ApiTags('auth')
@Controller('api/auth')
@Public()
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cfg: AppConfig,
  ) {}

  @ApiDoc('微信登录（wx.login 的 code 换令牌）', ref('LoginResponse'))
  @Post('wx-login')
  @HttpCode(200)
  wxLogin(@Body() dto: WxLoginDto): Promise<LoginResponse> {
    return this.auth.wxLogin(dto.app, dto.code);
  }

  @ApiDoc('开发登录（登录码，仅开发环境）', ref('LoginResponse'))
  @ApiBody({ type: DevLoginDto, examples: { 张三: { value: { code: 'zhangsan' } } } })
  @Post('dev-login')
  @HttpCode(200)
  devLogin(@Body() dto: DevLoginDto): Promise<LoginResponse> {
    return this.auth.devLogin(dto.code);
  }

  @ApiDoc('员工账号密码登录', ref('LoginResponse'))
  @ApiBody({ type: StaffLoginDto, examples: { 客服主管: { value: { username: 'supervisor1', password: 'linli123' } } } })
  @Post('staff-login')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  staffLogin(@Body() dto: StaffLoginDto): Promise<LoginResponse> {
    return this.auth.staffLogin(dto.username, dto.password);
  }

  @ApiDoc('刷新令牌（refresh token 轮换）', ref('TokenPair'))
  @Post('refresh')
  @HttpCode(200)
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @ApiDoc('退出登录（作废 refresh token）', null, 204)
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  /** The seeded demo logins, for the H5 builds' login pages. Dev only. */
  @ApiDoc('演示账号列表（仅开发环境）', ref('DemoAccounts'))
  @Get('demo-accounts')
  demoAccounts(): DemoAccounts {
    if (!this.cfg.devLogin) throw AppError.notFound();
    return DEMO_ACCOUNTS;
  }
}

/** Signed in, unlike the rest of api/auth; throttled like the logins (each try costs a bcrypt comparison). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/auth')
@UseGuards(ThrottlerGuard)
export class PasswordController {
  constructor(private readonly passwords: PasswordService) {}

  @Post('password')
  @HttpCode(200)
  @ApiDoc('修改密码（当前密码 + 新密码；其他登录全部失效，返回本机的新令牌）', ref('LoginResponse'))
  @AllowInitialPassword()
  @UseInterceptors(RetryAfterInterceptor)
  changePassword(@CurrentCaller() c: Caller, @Body() dto: ChangePasswordDto): Promise<LoginResponse> {
    return this.passwords.change(c, dto.currentPassword, dto.newPassword);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @ApiDoc('当前用户（角色、小区、房屋绑定）', ref('Me'))
  @Get()
  @AllowInitialPassword()
  me(@CurrentCaller() c: Caller): Promise<Me> {
    return this.auth.me(c.userId);
  }

  @ApiDoc('住户授权手机号（getPhoneNumber 的 code）', ref('Me'))
  @Post('phone')
  @HttpCode(200)
  phone(@CurrentCaller() c: Caller, @Body() dto: PhoneCodeDto): Promise<Me> {
    return this.auth.setPhone(c, dto.code);
  }

  @ApiDoc('切换当前房屋', ref('Me'))
  @Put('current-room')
  switchRoom(@CurrentCaller() c: Caller, @Body() dto: SwitchRoomDto): Promise<Me> {
    return this.auth.switchRoom(c, dto.roomId);
  }

  @ApiDoc('员工绑定微信（接收订阅消息）', ref('Me'))
  @Post('link-wechat')
  @HttpCode(200)
  linkWechat(@CurrentCaller() c: Caller, @Body() dto: LinkWechatDto): Promise<Me> {
    if (c.kind !== 'staff') throw AppError.forbidden();
    return this.auth.linkWechat(c, dto.code);
  }
}
