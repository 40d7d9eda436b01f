import { Module } from '@nestjs/common';
import { TrackingController } from './tracking.controller';
import { TrackingRepository } from './tracking.repository';
import { TrackingService } from './tracking.service';

/**
 * 快递式公开: the public tracking look-up. A module of its own, joined only into the HTTP application
 * (ModulesModule): its ThrottlerGuard needs the ThrottlerModule that the worker process does not have.
 */
@Module({
  controllers: [TrackingController],
  providers: [TrackingRepository, TrackingService],
})
export class TrackingModule {}
