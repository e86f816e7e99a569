import { Module } from '@nestjs/common';
import { NotifyService } from '../notify/notify.service';
import { BindingProof } from './binding-proof';
import { BindingsService } from './bindings.service';
import { DutyPhoneController } from './duty-phone.controller';
import { RoomImportJob } from './import/room-import.job';
import { RoomImportService } from './import/room-import.service';
import { BindingsController, OrgController, StaffOrgController } from './org.controller';
import { OrgService } from './org.service';
import { PeopleService } from './people.service';
import { PlacesController } from './places.controller';
import { PlacesService } from './places.service';
import { StaffAccountsController } from './staff-accounts.controller';
import { StaffAccountsService } from './staff-accounts.service';

@Module({
  controllers: [OrgController, BindingsController, StaffOrgController, PlacesController, StaffAccountsController, DutyPhoneController],
  providers: [OrgService, BindingsService, BindingProof, NotifyService, PeopleService, PlacesService, RoomImportService, RoomImportJob, StaffAccountsService],
  exports: [OrgService, BindingsService, PeopleService, RoomImportService],
})
export class OrgModule {}
