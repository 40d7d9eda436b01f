import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { DOCS_PATHS, signedInOnly } from './modules/auth/docs-access';
import { Clock } from './platform/clock/clock';
import { AppConfig, DEFAULT_TRUST_PROXY } from './platform/config/config';
import { bodyMiddlewares } from './platform/http-errors/express-errors';
import { inputGuard } from './platform/http-errors/input-guard';
import { validationPipe } from './platform/http-errors/validation';
import { readSourceHeader } from './platform/database/read-replica';

/** Builds the HTTP application (used by main.ts and by the tests). */
export async function createApp(
  config: AppConfig & { databaseUrl: string },
  opts: { logger?: boolean; clock?: Clock } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { clock: opts.clock }), {
    bodyParser: false,
    abortOnError: false,
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  // Whose X-Forwarded-* headers count (TRUST_PROXY): the client address, HTTPS for the Secure cookie, our own origin.
  app.set('trust proxy', config.trustProxy ?? DEFAULT_TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(securityHeaders());
  for (const mw of bodyMiddlewares()) app.use(mw);
  app.use(inputGuard()); // control characters, deep nesting → 400 before any route
  if (config.databaseReplicaUrl) app.use(readSourceHeader()); // X-Read-Source: replica | primary
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(validationPipe());

  const doc = new DocumentBuilder()
    .setTitle('依申请公开案件管理系统 API')
    .setDescription('政府信息公开申请（依申请公开）的登记、办理、答复与归档。错误统一为 {statusCode, code, message, errors, requestId}。')
    .setVersion('1')
    .addBearerAuth()
    .build();
  if (config.apiDocsPublic === false) app.use(DOCS_PATHS, signedInOnly(app));
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

/**
 * helmet, with a CSP for the same-origin web UI (src/web): everything from this origin only, no inline
 * scripts, no plugins, never framed. Inline styles are allowed because Element Plus sets positions
 * and sizes in style attributes (popovers, pagination, tables); scripts stay 'self' only.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
