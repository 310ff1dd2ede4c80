import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { logSafety } from '../common/logging/log-safety';
import {
  appConfig,
  authConfig,
  databaseConfig,
  deliveryConfig,
  edgeConfig,
  integrationsConfig,
  followUpConfig,
  mailConfig,
  firmConfig,
  type AppConfig,
} from './configuration';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Configuration, structured logging and the event bus: what every feature module leans on. */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true, // .env is loaded by src/config/load-dotenv.ts before anything else
      load: [
        appConfig,
        authConfig,
        databaseConfig,
        mailConfig,
        edgeConfig,
        deliveryConfig,
        integrationsConfig,
        firmConfig,
        followUpConfig,
      ],
    }),
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: AppConfig) => ({
        pinoHttp: {
          level: app.logLevel,
          // Honour a caller's request id when it is sane, so a trace spans the load balancer.
          genReqId: (req: IncomingMessage, res) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
              '*.password',
              '*.access_token',
            ],
            censor: '[redacted]',
          },
          formatters: logSafety.formatters,
          hooks: logSafety.hooks,
          serializers: {
            ...logSafety.serializers,
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              // Query strings can carry search terms (names, emails): log the path only.
              url: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
        },
      }),
    }),
    EventEmitterModule.forRoot(),
  ],
})
export class InfrastructureModule {}
