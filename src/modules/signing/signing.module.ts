import { Module } from '@nestjs/common';
import { SigningController } from './signing.controller';
import { SigningRepository } from './signing.repository';
import { SigningService } from './signing.service';

/** 电子签章: agencies' signing certificates and seals, the signature of sealed letters, the public check. */
@Module({
  controllers: [SigningController],
  providers: [SigningRepository, SigningService],
  exports: [SigningService],
})
export class SigningModule {}
