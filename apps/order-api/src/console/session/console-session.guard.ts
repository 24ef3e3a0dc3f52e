import {
  applyDecorators,
  Catch,
  createParamDecorator,
  Injectable,
  UseFilters,
  UseGuards,
  type ArgumentsHost,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorators';
import { ConsoleRefusal } from './console-refusal';
import { ConsoleSessions, type ConsoleSession } from './console-session';
import { renderRefusal } from './console-refusal.page';

type ConsoleRequest = FastifyRequest & { consoleSession?: ConsoleSession };

/** Authenticates console requests by their session cookie (and CSRF token, for actions). */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(private readonly sessions: ConsoleSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    request.consoleSession = await this.sessions.authenticate(request);
    return true;
  }
}

/** Console refusals become HTML: a redirect to the sign-in form, or a page or fragment saying why. */
@Catch(ConsoleRefusal)
export class ConsoleRefusalFilter implements ExceptionFilter {
  catch(refusal: ConsoleRefusal, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const partial = request.headers['hx-request'] === 'true';
    if (refusal.kind === 'sign-in' && !partial && request.method === 'GET') {
      void reply.redirect('/console/sign-in', 303);
      return;
    }
    if (refusal.kind === 'sign-in') void reply.header('hx-redirect', '/console/sign-in');
    void reply
      .status(refusal.kind === 'sign-in' ? 401 : 403)
      .type('text/html; charset=utf-8')
      .send(renderRefusal(refusal.message, partial));
  }
}

/**
 * A console controller: the bearer-token guard stands aside (browsers send no Authorization
 * header) and the console's own cookie session guards every route instead.
 */
export const ConsoleController = () =>
  applyDecorators(
    Public(),
    ApiExcludeController(),
    UseGuards(ConsoleSessionGuard),
    UseFilters(ConsoleRefusalFilter),
  );

/** The signed-in administrator's session, set by ConsoleSessionGuard. */
export const CurrentConsoleSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ConsoleSession => {
    const session = context.switchToHttp().getRequest<ConsoleRequest>().consoleSession;
    if (!session) throw new Error('CurrentConsoleSession used outside a ConsoleController');
    return session;
  },
);

/** The sign-in routes: no session yet, but refusals still render as HTML. */
export const ConsoleSignInRoutes = () =>
  applyDecorators(Public(), ApiExcludeController(), UseFilters(ConsoleRefusalFilter));
