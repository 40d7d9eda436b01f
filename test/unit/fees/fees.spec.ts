import fc from 'fast-check';
import { ApplicationItems, feePerItem, feePerPage, perItemPriorItems, perItemUnitPrice } from '../../../src/domain/fees';

describe('feePerPage 按量计收', () => {
  it('2219 pages → 83460 元', () => {
    const r = feePerPage(2219);
    expect(r.amount).toBe(83460);
    expect(r.method).toBe('per_page');
    expect(r.breakdown).toEqual([
      { from: 1, to: 30, count: 30, unitPrice: 0, subtotal: 0 },
      { from: 31, to: 100, count: 70, unitPrice: 10, subtotal: 700 },
      { from: 101, to: 200, count: 100, unitPrice: 20, subtotal: 2000 },
      { from: 201, to: 2219, count: 2019, unitPrice: 40, subtotal: 80760 },
    ]);
  });
  it('band edges', () => {
    expect(feePerPage(0).amount).toBe(0);
    expect(feePerPage(30).amount).toBe(0);
    expect(feePerPage(31).amount).toBe(10);
    expect(feePerPage(100).amount).toBe(700);
    expect(feePerPage(101).amount).toBe(720);
    expect(feePerPage(200).amount).toBe(2700);
    expect(feePerPage(201).amount).toBe(2740);
  });
  it('rejects negative / fractional', () => {
    expect(() => feePerPage(-1)).toThrow(RangeError);
    expect(() => feePerPage(1.5)).toThrow(RangeError);
  });
  it('property: monotonic', () => {
    fc.assert(
      fc.property(
        fc.nat(5000),
        fc.nat(100),
        (p, d) => feePerPage(p + d).amount >= feePerPage(p).amount,
      ),
    );
  });
});

describe('feePerItem 按件计收', () => {
  it('unit prices by band', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51].map(perItemUnitPrice)).toEqual([
      0, 0, 100, 100, 200, 200, 300, 300, 400,
    ]);
  });
  it('marginal fee given earlier items in the month', () => {
    expect(feePerItem({ priorItemsThisMonth: 0, items: 10 }).amount).toBe(0);
    expect(feePerItem({ priorItemsThisMonth: 0, items: 11 }).amount).toBe(100);
    expect(feePerItem({ priorItemsThisMonth: 0, items: 30 }).amount).toBe(2000);
    expect(feePerItem({ priorItemsThisMonth: 0, items: 45 }).amount).toBe(2000 + 2000 + 1500);
    const r = feePerItem({ priorItemsThisMonth: 8, items: 25 });
    expect(r.breakdown).toEqual([
      { from: 9, to: 10, count: 2, unitPrice: 0, subtotal: 0 },
      { from: 11, to: 30, count: 20, unitPrice: 100, subtotal: 2000 },
      { from: 31, to: 33, count: 3, unitPrice: 200, subtotal: 600 },
    ]);
    expect(r.amount).toBe(2600);
    expect(feePerItem({ priorItemsThisMonth: 5, items: 0 })).toEqual({
      amount: 0,
      breakdown: [],
      method: 'per_item',
    });
  });
  it('property: additive across a month split', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(100), fc.nat(100), (prior, a, b) => {
        const whole = feePerItem({ priorItemsThisMonth: prior, items: a + b }).amount;
        const split =
          feePerItem({ priorItemsThisMonth: prior, items: a }).amount +
          feePerItem({ priorItemsThisMonth: prior + a, items: b }).amount;
        return whole === split;
      }),
    );
  });
  it('property: monotonic in items and in prior items', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(100), (prior, items) => {
        const f = (p: number, i: number) => feePerItem({ priorItemsThisMonth: p, items: i }).amount;
        return f(prior, items + 1) >= f(prior, items) && f(prior + 1, items) >= f(prior, items);
      }),
    );
  });
  it('property: breakdown sums and counts', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(100), (prior, items) => {
        const r = feePerItem({ priorItemsThisMonth: prior, items });
        return (
          r.breakdown.reduce((s, l) => s + l.count, 0) === items &&
          r.breakdown.reduce((s, l) => s + l.subtotal, 0) === r.amount
        );
      }),
    );
  });
});

describe('perItemPriorItems 按件: the applicant\'s applications of the month of receipt (109号第四条, finding 6)', () => {
  const app = (id: string, receiptDate: string, order: number, items = 1): ApplicationItems => ({ id, receiptDate, order, items });

  it('the 11th application of a month is the first one charged; other months do not count', () => {
    const month = Array.from({ length: 10 }, (_, i) => app(`a${i}`, '2026-03-02', i + 1));
    const all = [app('feb', '2026-02-27', 1, 40), ...month, app('apr', '2026-04-01', 1, 40)];
    const eleventh = { id: 'a10', receiptDate: '2026-03-03', order: 11 };
    expect(perItemPriorItems(eleventh, [...all, app('a10', '2026-03-03', 11)])).toBe(10);
    expect(feePerItem({ priorItemsThisMonth: 10, items: 1 }).amount).toBe(100);
    // The tenth is free, whenever its notice goes out (later applications come after it).
    expect(perItemPriorItems({ id: 'a9', receiptDate: '2026-03-02', order: 10 }, [...all, app('a10', '2026-03-03', 11)])).toBe(9);
  });

  it('charges a month exactly once: the notices in receipt order add up to the fee of the month\'s total', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), items: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 20 }), (xs) => {
        const apps = xs.map((x, i) => app(`c${i}`, `2026-03-${String(x.day).padStart(2, '0')}`, i + 1, x.items));
        const total = apps.reduce((n, a) => n + a.items, 0);
        const charged = apps.reduce((sum, a) => sum + feePerItem({ priorItemsThisMonth: perItemPriorItems(a, apps), items: a.items }).amount, 0);
        return charged === feePerItem({ priorItemsThisMonth: 0, items: total }).amount;
      }),
      { numRuns: 300 },
    );
  });
});
