import { Module } from '@nestjs/common';
import { NotifyService } from '../notify/notify.service';
import { BindingProof } from './binding-proof';
import { BindingsService } from './bindings.service';
import { AdminOrgController, BindingsController, OrgController, StaffOrgController } from './org.controller';
import { OrgService } from './org.service';
import { PeopleService } from './people.service';

@Module({
  controllers: [OrgController, BindingsController, StaffOrgController, AdminOrgController],
  providers: [OrgService, BindingsService, BindingProof, NotifyService, PeopleService],
  exports: [OrgService, BindingsService, PeopleService],
})
export class OrgModule {}
