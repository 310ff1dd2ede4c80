import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { authConfig, type AuthConfig } from '../config/configuration';
import { UsersModule } from '../users/users.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthCookies } from './auth-cookies';
import { AuthSession } from './auth-session.entity';
import { AuthSessionsService } from './auth-sessions.service';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { DeviceCookieService } from './device-cookie.service';
import { LoginThrottleService } from './login-throttle.service';
import { RolesGuard } from './roles.guard';
import { TokenController } from './token.controller';

@Module({
  imports: [
    UsersModule,
    ApiKeysModule,
    PassportModule,
    TypeOrmModule.forFeature([AuthSession]),
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (auth: AuthConfig) => ({
        secret: auth.jwtSecret,
        signOptions: {
          algorithm: 'HS256',
          expiresIn: auth.jwtExpiresInSeconds,
          issuer: auth.jwtIssuer,
          audience: auth.jwtAudience,
        },
        verifyOptions: {
          algorithms: ['HS256'],
          issuer: auth.jwtIssuer,
          audience: auth.jwtAudience,
        },
      }),
    }),
  ],
  controllers: [TokenController],
  providers: [
    AuthService,
    AdminBootstrapService,
    JwtStrategy,
    LoginThrottleService,
    DeviceCookieService,
    AuthCookies,
    AuthSessionsService,
    // Order matters: authenticate first, then check roles.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
