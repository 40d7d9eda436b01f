import { Inject, Injectable, SetMetadata, UseGuards, applyDecorators, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { APP_CONFIG, DEFAULT_RATE_LIMITS, type AppConfig, type RateLimits } from '../config/config';

const RATE_LIMIT_KEY = 'rateLimit';

/**
 * Requests per minute from one address on this route, as configured (RATE_LIMIT_<NAME>_PER_MINUTE,
 * `RateLimits`; 0 lifts the limit, e.g. for a load run from 127.0.0.1). Counted on the throttler's
 * storage; over the limit → 429 in Chinese (the exception filter).
 */
export type RateLimitName = keyof RateLimits | 'applications';

export const RateLimit = (name: RateLimitName) => applyDecorators(SetMetadata(RATE_LIMIT_KEY, name), UseGuards(ConfiguredRateLimitGuard));

@Injectable()
export class ConfiguredRateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    private readonly routeReflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, routeReflector);
  }

  private perMinute(context: ExecutionContext): number {
    const name = this.routeReflector.get<RateLimitName | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!name) return 0;
    if (name === 'applications') return this.config.publicApplicationsPerMinute ?? 5;
    return this.config.rateLimits?.[name] ?? DEFAULT_RATE_LIMITS[name];
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return this.perMinute(context) === 0;
  }

  protected override handleRequest(p: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({ ...p, limit: this.perMinute(p.context), ttl: 60_000 });
  }
}
