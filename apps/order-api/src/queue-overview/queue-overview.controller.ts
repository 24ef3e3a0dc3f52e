import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import { ProblemResponseDto } from '../http/problem.response.dto';
import { QueueOverviewService } from './queue-overview.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/queues')
export class QueueOverviewController {
  constructor(private readonly overview: QueueOverviewService) {}

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: 'Every work queue and DLQ: visible, in flight, delayed, oldest age' })
  @ApiOkResponse({ description: '{ queues: [{ queue, work: {…}, dlq: {…} }] }' })
  @ApiResponse({ status: 403, type: ProblemResponseDto })
  async list() {
    return { queues: await this.overview.overview() };
  }
}
