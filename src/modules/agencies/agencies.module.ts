import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyRepository } from './agency.repository';

/** 行政机关 and 承办部门: the tenant, its settings and its departments. */
@Module({
  controllers: [AgenciesController],
  providers: [AgencyRepository, AgenciesService],
  exports: [AgenciesService],
})
export class AgenciesModule {}
