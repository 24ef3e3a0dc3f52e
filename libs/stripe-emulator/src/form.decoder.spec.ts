import { canonicalForm, decodeForm } from './form.decoder';

describe('decodeForm', () => {
  it('decodes stripe-node bracket notation into nested params', () => {
    const body =
      'amount=2599&metadata[order_id]=a%2Fb%20c&allowed_payment_method_types[0]=card' +
      '&automatic_payment_methods[enabled]=true&description=caf%C3%A9+bar';
    expect(decodeForm(body)).toEqual({
      amount: '2599',
      metadata: { order_id: 'a/b c' },
      allowed_payment_method_types: { 0: 'card' },
      automatic_payment_methods: { enabled: 'true' },
      description: 'café bar',
    });
  });

  it('accepts percent-encoded brackets and empty-bracket lists', () => {
    expect(decodeForm('metadata%5Bk%5D=v&expand[]=a&expand[]=b')).toEqual({
      metadata: { k: 'v' },
      expand: { 0: 'a', 1: 'b' },
    });
  });

  it('keeps a crafted __proto__ key away from Object.prototype', () => {
    const decoded = decodeForm('__proto__[polluted]=yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(decoded)).toEqual(['__proto__']);
  });
});

describe('canonicalForm', () => {
  it('renders equal params equally whatever their order', () => {
    expect(canonicalForm(decodeForm('b=2&a[y]=1&a[x]=0'))).toBe(
      canonicalForm(decodeForm('a[x]=0&a[y]=1&b=2')),
    );
    expect(canonicalForm(decodeForm('a=1'))).not.toBe(canonicalForm(decodeForm('a=2')));
  });
});
