import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Min } from 'class-validator';
import {
  App,
  ChangePasswordRequest,
  DevLoginRequest,
  LinkWechatRequest,
  PhoneCodeRequest,
  RefreshRequest,
  StaffLoginRequest,
  SwitchRoomRequest,
  WxLoginRequest,
} from '@linli/shared';

const APPS: App[] = ['resident', 'staff'];

export class WxLoginDto implements WxLoginRequest {
  @ApiProperty({ enum: APPS }) @IsIn(APPS) app: App;
  @ApiProperty({ description: 'wx.login() 返回的 code' }) @IsString() @Length(1, 128) code: string;
}

export class DevLoginDto implements DevLoginRequest {
  @ApiProperty({ enum: ['resident'] }) @IsIn(['resident']) app: App;
  @ApiProperty({ description: '任意字符串；同一个 code 总是同一个用户' }) @IsString() @Length(1, 64) code: string;
}

export class StaffLoginDto implements StaffLoginRequest {
  @ApiProperty() @IsString() @Length(1, 64) username: string;
  @ApiProperty() @IsString() @Length(1, 72) password: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty() @IsString() @Length(20, 200) refreshToken: string;
}

export class PhoneCodeDto implements PhoneCodeRequest {
  @ApiProperty({ description: 'getPhoneNumber 按钮返回的 code' }) @IsString() @Length(1, 128) code: string;
}

export class SwitchRoomDto implements SwitchRoomRequest {
  @ApiProperty() @IsInt() @Min(1) roomId: number;
}

export class LinkWechatDto implements LinkWechatRequest {
  @ApiProperty() @IsString() @Length(1, 128) code: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ description: '当前密码（首次登录时为管理员给的初始密码）' }) @IsString() @Length(1, 72) currentPassword: string;
  @ApiProperty({ description: '新密码：至少 8 位，须同时包含字母和数字，不能与当前密码相同', example: 'Linli2026a' })
  @IsString()
  @Length(1, 100)
  newPassword: string;
}
