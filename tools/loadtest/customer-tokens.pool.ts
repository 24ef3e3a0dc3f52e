import { randomBytes } from 'node:crypto';
import { issueAccessToken } from '@conveyor/auth';

/**
 * Bearer tokens for many customers, signed up front with the API's HS256 secret. The API rate
 * limits per customer, so spreading the load keeps each shopper far below their limit; the
 * observers (admin tokens that list orders) are several for the same reason.
 */
export class CustomerTokensPool {
  readonly runId = randomBytes(4).toString('hex');
  private customers: string[] = [];
  private observers: string[] = [];
  private nextObserver = 0;

  static async sign(
    secret: string,
    customers: number,
    observers = 16,
  ): Promise<CustomerTokensPool> {
    const pool = new CustomerTokensPool();
    pool.customers = await pool.signMany(secret, customers, 'c', 'customer');
    pool.observers = await pool.signMany(secret, observers, 'observer', 'admin');
    return pool;
  }

  get size(): number {
    return this.customers.length;
  }

  customer(index: number): string {
    return this.customers[index % this.customers.length];
  }

  /** Admin tokens in turn: admins see every order. */
  observer(): string {
    this.nextObserver = (this.nextObserver + 1) % this.observers.length;
    return this.observers[this.nextObserver];
  }

  private async signMany(secret: string, count: number, kind: string, role: 'customer' | 'admin') {
    const tokens: string[] = [];
    for (let index = 0; index < count; index++) {
      // 24 h covers the longest soak and its drain.
      tokens.push(
        await issueAccessToken(secret, { sub: `load-${this.runId}-${kind}${index}`, role }, '24h'),
      );
    }
    return tokens;
  }
}
