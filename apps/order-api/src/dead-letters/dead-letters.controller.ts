import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '@conveyor/auth';
import { AdminOnly, CurrentPrincipal } from '../auth/auth.decorators';
import { ProblemResponseDto } from '../http/problem.response.dto';
import { DeadLettersService } from './dead-letters.service';
import { PurgeNotConfirmedError } from './dead-letters.errors';
import { PurgeRequestDto, RedriveRequestDto } from './dead-letters.request.dto';

@ApiTags('admin')
@ApiBearerAuth()
@ApiResponse({ status: 403, type: ProblemResponseDto })
@ApiResponse({ status: 404, type: ProblemResponseDto })
@Controller('admin/dead-letters/:queue')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: "Peek at a queue's DLQ without consuming; personal data masked" })
  @ApiOkResponse({ description: '{ queue, messages: [{ id, type, orderId, poisonReason, … }] }' })
  async peek(@Param('queue') queue: string, @CurrentPrincipal() admin: Principal) {
    return { queue, messages: await this.deadLetters.peek(queue, admin.customerId) };
  }

  @Post('redrive')
  @HttpCode(202)
  @AdminOnly()
  @ApiOperation({ summary: 'Move the DLQ’s messages back once each, in the background' })
  @ApiAcceptedResponse({ description: 'the redrive task: { id, state, moved, returned, … }' })
  @ApiResponse({ status: 400, type: ProblemResponseDto })
  redrive(
    @Param('queue') queue: string,
    @Body() body: RedriveRequestDto,
    @CurrentPrincipal() admin: Principal,
  ) {
    return this.deadLetters.startRedrive(
      queue,
      { max: body.max, rate: body.rate },
      admin.customerId,
    );
  }

  @Get('redrive/:taskId')
  @AdminOnly()
  @ApiOperation({ summary: 'A redrive task’s progress' })
  task(@Param('queue') queue: string, @Param('taskId') taskId: string) {
    return this.deadLetters.task(taskId, queue);
  }

  @Delete('messages/:id')
  @HttpCode(204)
  @AdminOnly()
  @ApiOperation({ summary: 'Delete one dead letter by its SQS message id' })
  @ApiNoContentResponse()
  async deleteOne(
    @Param('queue') queue: string,
    @Param('id') id: string,
    @CurrentPrincipal() admin: Principal,
  ) {
    await this.deadLetters.delete(queue, id, admin.customerId);
  }

  @Post('purge')
  @HttpCode(204)
  @AdminOnly()
  @ApiOperation({ summary: 'Drop every message of the DLQ; the body must be {"confirm": queue}' })
  @ApiNoContentResponse()
  @ApiResponse({ status: 400, type: ProblemResponseDto })
  async purge(
    @Param('queue') queue: string,
    @Body() body: PurgeRequestDto,
    @CurrentPrincipal() admin: Principal,
  ) {
    this.deadLetters.addressesOf(queue);
    if (body.confirm !== queue) throw new PurgeNotConfirmedError(queue);
    await this.deadLetters.purge(queue, admin.customerId);
  }
}
