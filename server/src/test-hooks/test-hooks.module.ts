import { Module } from '@nestjs/common';
import { NotifyModule } from '../notify/notify.module';
import { TicketsModule } from '../tickets/tickets.module';
import { TestHooksController } from './test-hooks.controller';

@Module({ imports: [TicketsModule, NotifyModule], controllers: [TestHooksController] })
export class TestHooksModule {}
