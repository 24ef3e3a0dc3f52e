import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { issueAccessToken } from '@conveyor/auth';
import { Public } from '../../auth/auth.decorators';
import {
  CrossSiteRequestError,
  isSameOrigin,
  SESSION_COOKIE,
  SESSION_HOURS,
  sessionCookieOptions,
} from '../../auth/session.cookie';
import { CodedError } from '../../errors/coded.error';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';

export class DemoSignInDisabledError extends CodedError {
  constructor() {
    super(
      'SHOP.DEMO_SIGN_IN_DISABLED',
      'Demo sign-in is off: it runs on the local stack only (DEMO_SIGN_IN=true), never in production',
    );
  }
}

export class DemoSignInRequestDto {
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, {
    message: 'customer must be lower-case letters, digits and dashes, starting with a letter',
  })
  customer: string;
}

/**
 * The storefront's demo sign-in: whoever asks gets a customer token for the name they pick,
 * signed with the local HS256 secret and kept in the session cookie. Config allows it only
 * outside production and only with that secret (order-api.config.ts); off, it is not found.
 * Both forms post only from this site's own pages (Origin checked, as for any cookie write).
 */
@ApiExcludeController()
@Controller('shop')
export class DemoSignInController {
  constructor(@Inject(ORDER_API_CONFIG) private readonly config: OrderApiConfig) {}

  @Post('sign-in')
  @Public()
  @HttpCode(303)
  async signIn(
    @Body() body: DemoSignInRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const demo = this.config.demoSignIn;
    if (!demo) throw new DemoSignInDisabledError();
    if (!isSameOrigin(request)) throw new CrossSiteRequestError();
    const token = await issueAccessToken(demo.secret, { sub: body.customer }, `${SESSION_HOURS}h`);
    void reply.setCookie(SESSION_COOKIE, token, this.cookieOptions()).header('location', '/shop');
  }

  @Post('sign-out')
  @Public()
  @HttpCode(303)
  signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    if (!isSameOrigin(request)) throw new CrossSiteRequestError();
    void reply.clearCookie(SESSION_COOKIE, this.cookieOptions()).header('location', '/shop');
  }

  private cookieOptions() {
    return sessionCookieOptions(this.config.nodeEnv !== 'development');
  }
}
