import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { OrgModule } from '../org/org.module';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginLockout } from './login-lockout';
import { TokenService } from './token.service';

@Module({
  imports: [OrgModule, NotifyModule],
  controllers: [AuthController, MeController],
  providers: [AuthService, TokenService, LoginLockout],
  exports: [TokenService],
})
export class AuthModule {}
