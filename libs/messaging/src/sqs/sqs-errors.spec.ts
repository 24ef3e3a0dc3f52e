import { isQueueExistsError, isQueueMissingError, isUnknownOperationError } from './sqs-errors';

const sqsError = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('SQS error classification', () => {
  it('recognises an unknown operation only for the operation asked about', () => {
    const unknown = sqsError('InvalidAction', 'Unknown action: StartMessageMoveTask');
    expect(isUnknownOperationError(unknown, 'StartMessageMoveTask')).toBe(true);
    expect(isUnknownOperationError(unknown, 'ListMessageMoveTasks')).toBe(false);
    expect(
      isUnknownOperationError(
        sqsError('AccessDenied', 'StartMessageMoveTask'),
        'StartMessageMoveTask',
      ),
    ).toBe(false);
    expect(
      isUnknownOperationError(
        sqsError('UnsupportedOperation', 'StartMessageMoveTask'),
        'StartMessageMoveTask',
      ),
    ).toBe(false);
  });

  it('accepts both the JSON and the legacy query names', () => {
    expect(isQueueExistsError(sqsError('AWS.SimpleQueueService.QueueNameExists'))).toBe(true);
    expect(isQueueExistsError(sqsError('QueueAlreadyExists'))).toBe(true);
    expect(isQueueMissingError(sqsError('QueueDoesNotExist'))).toBe(true);
    expect(isQueueMissingError(sqsError('AWS.SimpleQueueService.NonExistentQueue'))).toBe(true);
    expect(isQueueMissingError(sqsError('QueueNameExists'))).toBe(false);
  });
});
