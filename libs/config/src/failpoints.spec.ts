import { diedAtFailpoint, Failpoints } from './failpoints';

describe('Failpoints', () => {
  let kill: jest.SpyInstance;

  beforeEach(() => {
    // Stands in for the SIGKILL the failpoint sends its own process (the jest worker here).
    kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => jest.restoreAllMocks());

  it('fires a failpoint armed by name for every message', () => {
    const failpoints = new Failpoints(['shipping-create:before-commit']);
    failpoints.hit('shipping-create:before-commit', 'request-a');
    failpoints.hit('shipping-create:before-commit', 'request-b');
    expect(kill).toHaveBeenCalledTimes(2);
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
  });

  it('fires a failpoint armed for one correlation id only for that request', () => {
    const failpoints = new Failpoints(['shipping-create:before-commit@request-a']);
    failpoints.hit('shipping-create:before-commit', 'request-b');
    failpoints.hit('shipping-create:after-commit-before-delete', 'request-a');
    expect(kill).not.toHaveBeenCalled();
    failpoints.hit('shipping-create:before-commit', 'request-a');
    expect(kill).toHaveBeenCalledTimes(1);
  });

  it('fires nothing when nothing is armed', () => {
    new Failpoints([]).hit('payment-authorize:after-stripe-before-commit', 'request-a');
    expect(kill).not.toHaveBeenCalled();
  });

  it('writes the kill line that tells a failpoint death from any other', () => {
    const write = jest.mocked(process.stderr.write);
    new Failpoints(['inventory-reserve:before-commit']).hit('inventory-reserve:before-commit', 'r');
    const written = String(write.mock.calls[0][0]);

    expect(diedAtFailpoint(`{"msg":"consumer started"}\n${written}`)).toBe(true);
    expect(diedAtFailpoint('{"msg":"consumer started"}\nError: listen EADDRINUSE')).toBe(false);
    expect(diedAtFailpoint('Error: failpoint x reached: SIGKILL (quoted)')).toBe(false);
  });
});
