import { deliveryNext } from './delivery-next';

describe('deliveryNext', () => {
  const delay = (attempt: number) => 1000 * 2 ** (attempt - 1);

  it('is delivered on success, even on the last attempt', () => {
    expect(deliveryNext('delivered', 1, 3, delay)).toEqual({ status: 'delivered' });
    expect(deliveryNext('delivered', 3, 3, delay)).toEqual({ status: 'delivered' });
  });

  it('retries a failure after the back-off of that attempt', () => {
    expect(deliveryNext('failed', 1, 3, delay, 0)).toEqual({
      status: 'pending',
      retryAt: new Date(1000),
    });
    expect(deliveryNext('failed', 2, 3, delay, 0)).toEqual({
      status: 'pending',
      retryAt: new Date(2000),
    });
  });

  it('gives up once WEBHOOK_MAX_ATTEMPTS attempts have failed', () => {
    expect(deliveryNext('failed', 3, 3, delay)).toEqual({ status: 'failed' });
    expect(deliveryNext('failed', 1, 1, delay)).toEqual({ status: 'failed' });
  });
});
