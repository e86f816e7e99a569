import { Module } from '@nestjs/common';
import { BindingsService } from './bindings.service';
import { AdminOrgController, BindingsController, OrgController, StaffOrgController } from './org.controller';
import { OrgService } from './org.service';
import { PeopleService } from './people.service';
import { StaffAccountsController } from './staff-accounts.controller';
import { StaffAccountsService } from './staff-accounts.service';

@Module({
  controllers: [OrgController, BindingsController, StaffOrgController, AdminOrgController, StaffAccountsController],
  providers: [OrgService, BindingsService, PeopleService, StaffAccountsService],
  exports: [OrgService, BindingsService, PeopleService],
})
export class OrgModule {}
