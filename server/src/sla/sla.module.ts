import { Global, Module } from '@nestjs/common';
import { ClocksService } from './clocks.service';

@Global()
@Module({ providers: [ClocksService], exports: [ClocksService] })
export class SlaModule {}
