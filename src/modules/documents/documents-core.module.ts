import { Module } from '@nestjs/common';
import { DocumentReleasesService } from './document-releases.service';
import { DocumentRepository } from './document.repository';

/** The records' storage and released copies, for the cases area (approval gate, reply 附件, delivery) and the documents routes. */
@Module({
  providers: [DocumentRepository, DocumentReleasesService],
  exports: [DocumentRepository, DocumentReleasesService],
})
export class DocumentsCoreModule {}
