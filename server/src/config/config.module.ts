import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/** Provides the already-validated AppConfig; main.ts (or a test) builds it with loadConfig(). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig) {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
