import { encodeBase64Url, generateTicketKey, signTicketToken, type TDoorPack } from '@marquee/shared';
import { describe, expect, it } from 'vitest';
import { judgeOffline } from './door-offline';

const key = generateTicketKey('dev1');
const show = {
  id: '01900000-0000-7000-8000-000000000001',
  movieTitle: 'Starfall Express',
  screenName: 'Audi 2',
  startsAt: '2026-11-25T14:00:00.000Z',
  endsAt: '2026-11-25T16:30:00.000Z',
  cancelled: false,
  tickets: 3,
};
const pack: TDoorPack = {
  at: '2026-11-25T13:00:00.000Z',
  publicKeys: { dev1: encodeBase64Url(key.publicKey) },
  shows: [show],
  refusedTicketIds: ['t-refunded'],
  timeZone: 'Asia/Kolkata',
  used: { 't-used': { at: '2026-11-25T13:40:00.000Z', door: 'Door 2' } },
};
const token = (tid: string, st = show.id) => signTicketToken({ tid, bid: 'b1', st, seat: 'E5' }, key);
const during = new Date('2026-11-25T13:30:00.000Z');

describe('the door offline', () => {
  it('admits a genuine, unused ticket of today within the show hours, once', () => {
    const first = judgeOffline(pack, [], token('t-ok'), during);
    expect(first).toMatchObject({ ok: true, scan: { ticketId: 't-ok', seatLabel: 'E5', showtimeId: show.id } });
    const again = judgeOffline(pack, [first.ok ? first.scan : (undefined as never)], token('t-ok'), during);
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining('Already used at') as string });
  });

  it('refuses what the server would refuse', () => {
    const forged = signTicketToken({ tid: 't-ok', bid: 'b1', st: show.id, seat: 'E5' }, generateTicketKey('dev1'));
    const cases: [string, string, Date, RegExp][] = [
      ['forged', forged, during, /not a valid/],
      ['garbage', 'hello', during, /not a valid/],
      ['refunded', token('t-refunded'), during, /refunded/],
      ['used at another door before the network went', token('t-used'), during, /Already used at .* at Door 2/],
      ['another day', token('t-x', '01900000-0000-7000-8000-000000000009'), during, /not for a show today/],
      ['too early', token('t-ok'), new Date('2026-11-25T12:30:00.000Z'), /Too early/],
      ['over', token('t-ok'), new Date('2026-11-25T16:31:00.000Z'), /ended/],
    ];
    for (const [name, t, at, message] of cases)
      expect(judgeOffline(pack, [], t, at), name).toMatchObject({
        ok: false,
        message: expect.stringMatching(message) as string,
      });
    expect(judgeOffline({ ...pack, shows: [{ ...show, cancelled: true }] }, [], token('t-ok'), during)).toMatchObject({
      ok: false,
      message: expect.stringContaining('cancelled') as string,
    });
  });

  it("tells times on the cinema's clock from the pack: a London cinema says London time", () => {
    const used = { 't-used': { at: '2026-11-25T13:40:00.000Z', door: 'Door 2' } };
    expect(judgeOffline({ ...pack, used, timeZone: 'Europe/London' }, [], token('t-used'), during)).toMatchObject({
      message: expect.stringContaining('Already used at 1:40 pm at Door 2') as string,
    });
    expect(judgeOffline(pack, [], token('t-used'), during)).toMatchObject({
      message: expect.stringContaining('Already used at 7:10 pm at Door 2') as string,
    });
  });
});
