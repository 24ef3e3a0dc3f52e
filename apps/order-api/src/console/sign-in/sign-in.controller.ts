import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleRefusal } from '../session/console-refusal';
import { ConsoleSessions } from '../session/console-session';
import { ConsoleSignInRoutes } from '../session/console-session.guard';
import { renderSignInPage } from './sign-in.page';

/** The console's door: the token form, the session cookie it sets, and signing out. */
@ConsoleSignInRoutes()
@Controller('console')
export class SignInController {
  constructor(private readonly sessions: ConsoleSessions) {}

  @Get('sign-in')
  form(@Res() reply: FastifyReply): void {
    void reply.type('text/html; charset=utf-8').send(renderSignInPage());
  }

  @Post('sign-in')
  @HttpCode(303)
  async signIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: { token?: unknown },
  ): Promise<void> {
    this.sessions.checkOrigin(request);
    try {
      await this.sessions.signIn(typeof body?.token === 'string' ? body.token : '', reply);
    } catch (error) {
      if (!(error instanceof ConsoleRefusal)) throw error;
      void reply.status(403).type('text/html; charset=utf-8').send(renderSignInPage(error.message));
      return;
    }
    void reply.redirect('/console', 303);
  }

  /** Signing out is an action too: it needs the session's CSRF token like any other. */
  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.authenticate(request);
    this.sessions.signOut(reply);
    void reply.redirect('/console/sign-in', 303);
  }
}
