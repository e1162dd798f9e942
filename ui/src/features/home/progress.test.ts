import { describe, expect, it } from 'vitest';
import { arrivedPercent } from './progress';

describe('arrival progress', () => {
  it('is the share of booked applicants who arrived', () => {
    expect(arrivedPercent({ arrived: 45, booked: 90 })).toBe(50);
    expect(arrivedPercent({ arrived: 1, booked: 3 })).toBe(33);
  });

  it('is zero with nobody booked and never leaves 0–100', () => {
    expect(arrivedPercent({ arrived: 0, booked: 0 })).toBe(0);
    expect(arrivedPercent({ arrived: 5, booked: 4 })).toBe(100);
  });
});
