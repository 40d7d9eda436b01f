import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module';
import { LetterRepository } from './letter.repository';
import { LettersService } from './letters.service';

/** 文书: rendering, numbering (文号), storage and verification of letters (their routes are the cases area's: a letter is read by whoever may read its case). */
@Module({
  imports: [SigningModule],
  providers: [LetterRepository, LettersService],
  exports: [LettersService],
})
export class LettersModule {}
