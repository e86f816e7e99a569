import { Module } from '@nestjs/common';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchCountsService } from './workbench-counts.service';

/** The staff workbench's to-do counts per tile. */
@Module({ controllers: [WorkbenchController], providers: [WorkbenchCountsService] })
export class WorkbenchModule {}
