import { formatMinor, formatMoney, minorDigits } from './money';

describe('money as text', () => {
  it('knows how many decimals a currency has', () => {
    expect([minorDigits('USD'), minorDigits('JPY'), minorDigits('KWD'), minorDigits('???')]).toEqual([2, 0, 3, 2]);
  });

  it('writes minor units with their sign and the currency code for people', () => {
    expect(formatMoney(900000, 'USD')).toBe('USD 9000.00');
    expect(formatMoney(-5, 'EUR')).toBe('-EUR 0.05');
    expect(formatMoney(5000, 'JPY')).toBe('JPY 5000');
    expect(formatMinor(-1234, 'KWD')).toBe('-1.234');
  });
});
