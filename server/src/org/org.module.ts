import { Module } from '@nestjs/common';
import { BindingsService } from './bindings.service';
import { DutyPhoneController } from './duty-phone.controller';
import { AdminOrgController, BindingsController, OrgController, StaffOrgController } from './org.controller';
import { OrgService } from './org.service';
import { PeopleService } from './people.service';

@Module({
  controllers: [OrgController, BindingsController, StaffOrgController, AdminOrgController, DutyPhoneController],
  providers: [OrgService, BindingsService, PeopleService],
  exports: [OrgService, BindingsService, PeopleService],
})
export class OrgModule {}
