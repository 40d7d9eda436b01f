import { Module } from '@nestjs/common';
import { SigningController } from './signing.controller';
import { SigningRepository } from './signing.repository';
import { SigningService } from './signing.service';

/**
 * 电子签章: agencies' signing certificates and seals, the signature of sealed letters. No routes:
 * the letters area (and through it the worker, which issues letters too) imports it.
 */
@Module({
  providers: [SigningRepository, SigningService],
  exports: [SigningService],
})
export class SigningModule {}

/**
 * The signing routes (admin certificate/seal, the public authenticity check), joined only into the
 * HTTP application (ModulesModule): the public check's ThrottlerGuard needs the ThrottlerModule
 * that the worker process does not have.
 */
@Module({
  imports: [SigningModule],
  controllers: [SigningController],
})
export class SigningHttpModule {}
