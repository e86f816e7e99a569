import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Public } from '../common/caller';
import { ApiDoc } from '../common/openapi/api-doc';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @ApiDoc('健康检查（含数据库）', { type: 'object', properties: { status: { type: 'string', example: 'ok' }, db: { type: 'string', example: 'mysql' } } })
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
