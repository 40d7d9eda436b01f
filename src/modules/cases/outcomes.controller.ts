import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OUTCOMES } from '../../domain/outcomes/outcomes';
import { ApiErrors } from '../../platform/http-errors/error-response';
import { OutcomeResponse } from './responses';

@ApiTags('outcomes 办理结果')
@ApiBearerAuth()
@Controller('outcomes')
export class OutcomesController {
  /** Every outcome code with its annual-report row (shared/domain §4). */
  @Get()
  @ApiOkResponse({ type: [OutcomeResponse], description: '全部办理结果代码及其年度报告栏目' })
  @ApiErrors(401, 403, 503)
  list() {
    return OUTCOMES.map((o) => ({
      code: o.code,
      row: o.row,
      label: o.label,
      basis: o.basis,
      citation: o.citation,
      remedy: o.remedy,
      proposable: o.proposable,
      via: o.via,
    }));
  }
}
