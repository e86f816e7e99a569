import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Public } from '../common/caller';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get()
  @Public()
  async health() {
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new AppError(503, ErrorCode.DbUnavailable);
    }
    return { status: 'ok', db: this.ds.options.type };
  }
}
