import { describe, expect, it } from 'vitest';
import { arrivedPercent, servingTime } from './progress';

describe('arrival progress', () => {
  it('is the share of booked applicants who arrived', () => {
    expect(arrivedPercent({ arrived: 45, booked: 90 })).toBe(50);
    expect(arrivedPercent({ arrived: 1, booked: 3 })).toBe(33);
  });

  it('is zero with nobody booked and never leaves 0–100', () => {
    expect(arrivedPercent({ arrived: 0, booked: 0 })).toBe(0);
    expect(arrivedPercent({ arrived: 5, booked: 4 })).toBe(100);
  });

  it("judges the sessions by the office's own time, except on a day it does not serve", () => {
    expect(servingTime({ nowLocal: '05:16', colour: 'green' })).toBe('05:16');
    expect(servingTime({ nowLocal: '10:00', colour: 'red' })).toBe('10:00');
    expect(servingTime({ nowLocal: '10:00', colour: 'grey' })).toBeNull();
  });
});
