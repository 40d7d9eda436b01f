import { Module } from '@nestjs/common';
import { LettersController } from './letters.controller';
import { LetterRepository } from './letter.repository';
import { LettersService } from './letters.service';

/** 文书: rendering, numbering (文号), storage and verification of letters. */
@Module({
  controllers: [LettersController],
  providers: [LetterRepository, LettersService],
  exports: [LettersService],
})
export class LettersModule {}
