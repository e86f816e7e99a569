import { Module } from '@nestjs/common';
import { FeesModule } from '../fees/fees.module';
import { NotifyModule } from '../notify/notify.module';
import { TicketsModule } from '../tickets/tickets.module';
import { TestHooksController } from './test-hooks.controller';

@Module({ imports: [TicketsModule, NotifyModule, FeesModule], controllers: [TestHooksController] })
export class TestHooksModule {}
