import { describe, expect, it } from 'vitest';
import { mailFileBase } from './mail-file-name';

describe('the mail catcher’s file names', () => {
  it('gives two mails of the same millisecond different names, in arrival order', () => {
    const now = new Date('2026-11-27T20:30:00.123Z');
    const first = mailFileBase(now, 1);
    const second = mailFileBase(now, 2);
    expect(first).not.toBe(second);
    expect([second, first].sort()).toEqual([first, second]);
    expect(first).toMatch(/^2026-11-27T20-30-00-123Z-000001-[0-9a-f]{6}$/);
  });

  it('gives a restarted catcher names an earlier run did not use, even at the same millisecond and count', () => {
    const now = new Date('2026-11-27T20:30:00.123Z');
    const names = new Set(Array.from({ length: 50 }, () => mailFileBase(now, 1)));
    expect(names.size).toBe(50);
  });
});
