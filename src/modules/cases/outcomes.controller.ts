import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OUTCOMES } from '../../domain/outcomes/outcomes';

@ApiTags('outcomes 办理结果')
@ApiBearerAuth()
@Controller('outcomes')
export class OutcomesController {
  /** Every outcome code with its annual-report row (shared/domain §4). */
  @Get()
  list() {
    return OUTCOMES.map((o) => ({
      code: o.code,
      row: o.row,
      label: o.label,
      basis: o.basis,
      citation: o.citation,
      remedy: o.remedy,
      proposable: o.proposable,
    }));
  }
}
