import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Module({
  imports: [OrgModule],
  controllers: [AuthController, MeController],
  providers: [AuthService, TokenService],
  exports: [TokenService],
})
export class AuthModule {}
