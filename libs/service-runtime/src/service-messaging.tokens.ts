export const QUEUE_TOPOLOGY = Symbol('QUEUE_TOPOLOGY');
export const QUEUE_DIRECTORY = Symbol('QUEUE_DIRECTORY');
