import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { TestHooksController } from './test-hooks.controller';

@Module({ imports: [TicketsModule], controllers: [TestHooksController] })
export class TestHooksModule {}
