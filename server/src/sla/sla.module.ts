import { Global, Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { ClocksService } from './clocks.service';

@Global()
@Module({ controllers: [CalendarController], providers: [ClocksService, CalendarService], exports: [ClocksService, CalendarService] })
export class SlaModule {}
