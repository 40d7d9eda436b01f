import { Controller, Get } from '@nestjs/common';
import { ApiExtraModels, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../platform/auth/auth-user';
import { ErrorResponse } from '../../platform/http-errors/error-response';

const INDICATORS = { type: 'object', additionalProperties: { type: 'object', additionalProperties: true } } as const;

@ApiTags('health')
@ApiExtraModels(ErrorResponse)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /** 200 {"status":"ok"} once the database answers; 503 otherwise. */
  @Public()
  @Get()
  // Above @HealthCheck(): replaces its 503 with the error shape the global filter really sends.
  @ApiServiceUnavailableResponse({
    description: '数据库不可用（SERVICE_UNAVAILABLE）：通用错误格式，另附健康检查的 status、info、error、details',
    schema: {
      allOf: [
        { $ref: getSchemaPath(ErrorResponse) },
        {
          type: 'object',
          properties: { status: { type: 'string', enum: ['error'] }, info: INDICATORS, error: INDICATORS, details: INDICATORS },
        },
      ],
    },
  })
  @HealthCheck()
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
  }
}
