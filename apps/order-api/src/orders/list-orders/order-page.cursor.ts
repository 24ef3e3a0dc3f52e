import { CodedError } from '../../errors/coded.error';

export interface OrderPagePosition {
  createdAt: string;
  id: string;
}

export class InvalidCursorError extends CodedError {
  constructor() {
    super('REQUEST.INVALID_CURSOR', 'cursor is not a nextCursor this API returned');
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keyset pagination position, opaque to clients: the last order of the previous page. */
export const orderPageCursor = {
  encode(position: OrderPagePosition): string {
    return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
  },
  decode(cursor: string): OrderPagePosition {
    try {
      const [createdAt, id] = JSON.parse(
        Buffer.from(cursor, 'base64url').toString('utf8'),
      ) as unknown[];
      if (
        typeof createdAt === 'string' &&
        ISO.test(createdAt) &&
        typeof id === 'string' &&
        UUID.test(id)
      ) {
        return { createdAt, id };
      }
    } catch {
      // fall through: any undecodable cursor is the client's error
    }
    throw new InvalidCursorError();
  },
};
