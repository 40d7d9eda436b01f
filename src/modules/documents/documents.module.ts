import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DocumentsCoreModule } from './documents-core.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentUploadInterceptor } from './upload.interceptor';

/** 附件与遮盖: the routes (the storage and released copies are DocumentsCoreModule's). */
@Module({
  imports: [CasesModule, DocumentsCoreModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentUploadInterceptor],
})
export class DocumentsModule {}
