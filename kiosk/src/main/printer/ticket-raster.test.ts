// What reaches the paper, read back through the virtual printer's decoder: styles as the bytes set
// them, and text the code page cannot hold (Devanagari, "₹") as 1-bit raster images that fit 80 mm.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TPrintTicket } from '../../common/print-job';
import { decodeEscPos, imageInk, ticketImages, ticketText, type TPrintedLine } from './escpos-decoder';
import { renderTicketSvg } from './print-svg';
import { PAPER_DOTS, renderTextRaster } from './raster-text';
import { encodeTickets } from './ticket-escpos';

const base: TPrintTicket = {
  cinemaName: 'Marquee Demo Cinema',
  movieTitle: 'The Monsoon Heist',
  certificate: 'UA',
  startsAt: '2026-11-25T13:00:00.000Z',
  timeZone: 'Asia/Kolkata',
  screenName: 'Audi 1',
  seatLabel: 'E7',
  seatType: 'RECLINER',
  ticketNumber: 1,
  ticketCount: 1,
  pricePaise: 25_000,
  bookingCode: 'K7M2QX',
  token: 'payload.signature',
};

const printOne = (ticket: TPrintTicket) => {
  const { tickets } = decodeEscPos(encodeTickets({ tickets: [ticket] }));
  expect(tickets).toHaveLength(1);
  expect(tickets[0]!.unknown).toEqual([]);
  return tickets[0]!;
};

const lineOf = (ticket: ReturnType<typeof printOne>, text: string): TPrintedLine => {
  const line = ticket.items.flatMap((i) => (i.kind === 'line' && i.line.text.trim() === text ? [i.line] : []))[0];
  if (!line) throw new Error(`no line "${text}" in ${JSON.stringify(ticketText(ticket))}`);
  return line;
};

/** Columns of the image with any ink: [first, last] (or null for a blank image). */
function inkColumns(image: ReturnType<typeof ticketImages>[number]): [number, number] | null {
  const ink = imageInk(image);
  let first = -1;
  let last = -1;
  for (let x = 0; x < image.widthDots; x++) {
    for (let y = 0; y < image.heightDots; y++) {
      if (ink[y * image.widthDots + x]) {
        if (first < 0) first = x;
        last = x;
        break;
      }
    }
  }
  return first < 0 ? null : [first, last];
}

describe('printed styles, read back as the printer reads them', () => {
  it('keeps the bold double-size cinema name, the bold title and the double-size seat the encoder asked for', () => {
    const printed = printOne(base);
    expect(lineOf(printed, 'Marquee Demo Cinema')).toMatchObject({ bold: true, width: 2, height: 2 });
    expect(lineOf(printed, 'The Monsoon Heist (UA)')).toMatchObject({ bold: true, width: 1, height: 1 });
    expect(lineOf(printed, 'Seat E7')).toMatchObject({ bold: false, width: 2, height: 2 });
    expect(lineOf(printed, 'Booking K7M2QX')).toMatchObject({ bold: false, width: 1, height: 1 });
    // The padding that centres the name is plain single-width spaces; the name itself is bold and double.
    const runs = lineOf(printed, 'Marquee Demo Cinema').runs;
    expect(runs.at(-1)).toEqual({ text: 'Marquee Demo Cinema', bold: true, width: 2, height: 2 });
    expect(runs[0]).toMatchObject({ bold: false, width: 1, height: 1 });
    expect(runs[0]!.text.trim()).toBe('');
  });

  it('takes alignment from where the line began, and size and weight per character', () => {
    const bytes = Buffer.concat([
      Buffer.from([0x1b, 0x61, 0x01]), // centre
      Buffer.from('Hi '),
      Buffer.from([0x1b, 0x45, 0x01, 0x1d, 0x21, 0x11]), // bold, double
      Buffer.from('BIG'),
      Buffer.from([0x1b, 0x45, 0x00, 0x1d, 0x21, 0x00, 0x1b, 0x61, 0x00]), // reset all before the feed
      Buffer.from('\n'),
      Buffer.from([0x1d, 0x56, 0x01]),
    ]);
    const [ticket] = decodeEscPos(bytes).tickets;
    const [item] = ticket!.items;
    expect(item).toEqual({
      kind: 'line',
      line: {
        text: 'Hi BIG',
        bold: true,
        width: 2,
        height: 2,
        align: 'center',
        spacingDots: 30,
        runs: [
          { text: 'Hi ', bold: false, width: 1, height: 1 },
          { text: 'BIG', bold: true, width: 2, height: 2 },
        ],
      },
    });
  });

  it('draws bold and double-size text as such in the kept SVG', () => {
    const svg = renderTicketSvg(printOne(base));
    expect(svg).toMatch(/scale\(2 2\)" font-weight="700">Marquee Demo Cinema</);
    expect(svg).toMatch(/scale\(1 1\)" font-weight="700">The Monsoon Heist \(UA\)</);
    expect(svg).toMatch(/scale\(2 2\)" font-weight="400">Seat E7</);
  });
});

describe('text the code page cannot print', () => {
  it('prints a Devanagari title as a 1-bit raster image within the 576-dot paper, with ink where the title is', () => {
    const printed = printOne({ ...base, movieTitle: 'दिलवाले दुल्हनिया ले जाएंगे', certificate: 'U' });
    const images = ticketImages(printed);
    expect(images).toHaveLength(1);
    const [title] = images;
    expect(title).toMatchObject({ widthDots: PAPER_DOTS, scaleX: 1, scaleY: 1 });
    expect(title!.heightDots % 8).toBe(0);
    expect(title!.heightDots).toBeGreaterThanOrEqual(32);
    const ink = imageInk(title!);
    const inked = ink.reduce((sum, dot) => sum + dot, 0);
    // Real text: a good deal of ink, but far from a black block.
    expect(inked / ink.length).toBeGreaterThan(0.03);
    expect(inked / ink.length).toBeLessThan(0.4);
    const [first, last] = inkColumns(title!)!;
    expect(first).toBeGreaterThanOrEqual(4);
    expect(last).toBeLessThan(PAPER_DOTS - 4);
    // Centred, and a title of this length is most of the paper wide.
    expect(Math.abs((first + last) / 2 - PAPER_DOTS / 2)).toBeLessThan(12);
    expect(last - first).toBeGreaterThan(250);
    // Nothing of the title left as mangled text; the rest of the ticket is still text.
    expect(ticketText(printed).join('\n')).not.toMatch(/\?|\(U\)/);
    expect(ticketText(printed)).toEqual(expect.arrayContaining(['Seat E7', 'Recliner', 'Booking K7M2QX']));
  });

  it('wraps a title too long for one line onto more lines, none wider than the paper', () => {
    const long = 'दिलवाले दुल्हनिया ले जाएंगे और कभी खुशी कभी ग़म और कुछ कुछ होता है';
    const [title] = ticketImages(printOne({ ...base, movieTitle: long }));
    const single = ticketImages(printOne({ ...base, movieTitle: 'दिलवाले' }))[0]!;
    expect(title!.widthDots).toBe(PAPER_DOTS);
    expect(title!.heightDots).toBeGreaterThanOrEqual(2 * single.heightDots - 8);
  });

  it('prints a Hindi ticket with its labels as images and keeps seat, code and QR readable', () => {
    const printed = printOne({ ...base, language: 'hi', gstPaise: 3_814, gstRatePercent: 18 });
    const text = ticketText(printed).filter(Boolean);
    // Every label line is Devanagari or carries "₹", so only lines the code page holds remain text:
    // the cinema's name and the film's title (Latin here).
    expect(text).toEqual(['Marquee Demo Cinema', expect.stringMatching(/^─+$/), 'The Monsoon Heist (UA)']);
    // admit, date, time, screen, seat, seat type, price, GST, booking, "show this code"
    expect(ticketImages(printed)).toHaveLength(10);
    for (const image of ticketImages(printed)) {
      expect(image.widthDots).toBeLessThanOrEqual(PAPER_DOTS);
      expect(inkColumns(image)).not.toBeNull();
    }
    const svg = renderTicketSvg(printed);
    expect(svg.match(/<path d="M/g)!.length).toBe(11); // ten images and the QR
  });

  it('fits any Devanagari text on the paper: 576 dots wide, a height in whole bytes, ink inside the margins', () => {
    const consonants = 'कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह'.split('');
    const signs = ['', 'ा', 'ि', 'ी', 'ु', 'ू', 'े', 'ै', 'ो', 'ौ', 'ं', '्'];
    const syllable = fc.tuple(fc.constantFrom(...consonants), fc.constantFrom(...signs)).map(([c, m]) => c + m);
    const word = fc.array(syllable, { minLength: 1, maxLength: 6 }).map((s) => s.join(''));
    const text = fc.array(fc.oneof(word, fc.constantFrom('3D', '(UA)', '2')), { minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(text, fc.boolean(), fc.constantFrom(1, 2), (words, bold, size) => {
        const raster = renderTextRaster(words.join(' '), { bold, size });
        expect(raster.width).toBe(PAPER_DOTS);
        expect(raster.height % 8).toBe(0);
        const columns: number[] = [];
        raster.ink.forEach((dot, i) => dot && columns.push(i % raster.width));
        expect(columns.length).toBeGreaterThan(0);
        expect(Math.min(...columns)).toBeGreaterThanOrEqual(2);
        expect(Math.max(...columns)).toBeLessThan(PAPER_DOTS - 2);
      }),
      { numRuns: 40 },
    );
  });
});
