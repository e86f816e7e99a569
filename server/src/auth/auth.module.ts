import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { OrgModule } from '../org/org.module';
import { AuthController, MeController, PasswordController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginLockout } from './login-lockout';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';

@Module({
  imports: [OrgModule, NotifyModule],
  controllers: [AuthController, PasswordController, MeController],
  providers: [AuthService, TokenService, LoginLockout, PasswordService],
  exports: [TokenService],
})
export class AuthModule {}
