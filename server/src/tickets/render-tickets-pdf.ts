// The tickets as a PDF (pdfkit): one page per seat with its QR (the signed token), the show and
// the booking code; the same token the printed ticket and the e-ticket carry.
import { formatRupees } from '@marquee/shared';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface TTicketDocument {
  code: string;
  movieTitle: string;
  certificate: string;
  cinemaName: string;
  screenName: string;
  /** Show time as the cinema's clock shows it, e.g. "Fri 28 Nov 2026, 9:00 pm". */
  showsAt: string;
  /** When the booking was paid for: the date of supply its GST is worked out on. */
  suppliedAt: Date;
  tickets: { seatLabel: string; token: string; pricePaise: number; gstPaise: number; gstRatePercent: number }[];
}

/** PDF's standard fonts have no ₹ glyph; Indian tickets print "Rs." as well. */
const pdfMoney = (paise: number): string => formatRupees(paise).replace('₹', 'Rs. ');

export async function renderTicketsPdf(doc: TTicketDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A6',
    margin: 24,
    info: { Title: `Marquee tickets ${doc.code}`, Author: 'Marquee' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  for (const [i, ticket] of doc.tickets.entries()) {
    if (i > 0) pdf.addPage();
    const qr = await QRCode.toBuffer(ticket.token, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
    pdf.fontSize(9).fillColor('#555').text(doc.cinemaName);
    pdf.fontSize(15).fillColor('#000').text(`${doc.movieTitle} (${doc.certificate})`);
    pdf.fontSize(10).text(`${doc.showsAt} - ${doc.screenName}`);
    pdf.moveDown(0.3).fontSize(22).text(`Seat ${ticket.seatLabel}`);
    pdf.image(qr, { fit: [170, 170], align: 'center' });
    pdf
      .moveDown(0.3)
      .fontSize(10)
      .text(
        `Booking ${doc.code} - ${pdfMoney(ticket.pricePaise)} (incl. GST ${ticket.gstRatePercent} %: ${pdfMoney(ticket.gstPaise)})`,
      );
    pdf.fontSize(5).fillColor('#777').text(ticket.token, { lineBreak: true });
  }
  pdf.end();
  return done;
}
