// The tickets as a PDF (pdfkit): one page per seat with its QR (the signed token), the show and
// the booking code; the same token the printed ticket and the e-ticket carry. A last page, A4,
// is the booking's tax invoice as stored, with every particular.
import { formatRate, formatRupees, invoiceDateLabel, placeOfSupplyLabel, type TInvoice } from '@marquee/shared';
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
  /** The booking's stored tax invoice (null for a free booking): printed on a page of its own. */
  invoice: TInvoice | null;
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
  if (doc.invoice) invoicePage(pdf, doc.invoice, doc.code);
  pdf.end();
  return done;
}

/** The columns of the invoice's table: x, width and alignment on an A4 page with 40 pt margins. */
const COLUMNS = [
  { title: 'Description', x: 40, width: 150, align: 'left' },
  { title: 'SAC', x: 194, width: 46, align: 'left' },
  { title: 'Value before tax', x: 240, width: 70, align: 'right' },
  { title: 'Rate', x: 314, width: 36, align: 'right' },
  { title: 'CGST', x: 354, width: 60, align: 'right' },
  { title: 'SGST', x: 418, width: 60, align: 'right' },
  { title: 'Amount', x: 482, width: 73, align: 'right' },
] as const;

/** The tax invoice on an A4 page of its own: small enough type to fit ten seats, large enough to read. */
function invoicePage(pdf: PDFKit.PDFDocument, invoice: TInvoice, code: string): void {
  pdf.addPage({ size: 'A4', margin: 40 });
  pdf.fillColor('#000').fontSize(16).text('Tax invoice', 40, 40);
  pdf.fontSize(10).text(invoice.sellerLegalName, { width: 300 });
  pdf.fontSize(9).text(invoice.sellerAddress, { width: 300 });
  pdf.text(`GSTIN: ${invoice.sellerGstin ?? 'not registered'}`);
  const sellerEnd = pdf.y;
  const right = { x: 360, width: 195 };
  pdf.fontSize(9);
  pdf.text(`Invoice number: ${invoice.number}`, right.x, 44, { width: right.width });
  pdf.text(`Date: ${invoiceDateLabel(invoice.issuedAt)}`, right.x, pdf.y, { width: right.width });
  pdf.text(`Place of supply: ${placeOfSupplyLabel(invoice.placeOfSupply)}`, right.x, pdf.y, { width: right.width });
  pdf.text(`Booking: ${code}`, right.x, pdf.y, { width: right.width });
  let y = Math.max(sellerEnd, pdf.y) + 24;
  const row = (cells: readonly string[], bold = false) => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((c, i) => pdf.heightOfString(c, { width: COLUMNS[i]!.width }));
    cells.forEach((c, i) => pdf.text(c, COLUMNS[i]!.x, y, { width: COLUMNS[i]!.width, align: COLUMNS[i]!.align }));
    y += Math.max(...heights) + 4;
  };
  const rule = () => {
    pdf
      .moveTo(40, y - 2)
      .lineTo(555, y - 2)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke();
    y += 2;
  };
  row(
    COLUMNS.map((c) => c.title),
    true,
  );
  rule();
  for (const l of invoice.lines)
    row([
      l.description,
      l.sac,
      pdfMoney(l.taxablePaise),
      formatRate(l.ratePercent),
      pdfMoney(l.cgstPaise),
      pdfMoney(l.sgstPaise),
      pdfMoney(l.amountPaise),
    ]);
  rule();
  const t = invoice.totals;
  row(
    ['Total', '', pdfMoney(t.taxablePaise), '', pdfMoney(t.cgstPaise), pdfMoney(t.sgstPaise), pdfMoney(t.totalPaise)],
    true,
  );
  y += 8;
  pdf.font('Helvetica').fontSize(9);
  for (const [label, paise] of [
    ['Taxable value', t.taxablePaise],
    ['CGST', t.cgstPaise],
    ['SGST', t.sgstPaise],
    ['Total paid', t.totalPaise],
  ] as const) {
    pdf.text(`${label}: ${pdfMoney(paise)}`, 360, y, { width: 195, align: 'right' });
    y = pdf.y + 2;
  }
  for (const note of invoice.creditNotes) {
    y += 6;
    pdf.text(
      `Credit note ${note.number} of ${invoiceDateLabel(note.issuedAt)} against this invoice: ${pdfMoney(note.totals.totalPaise)}`,
      40,
      y,
      { width: 515 },
    );
    y = pdf.y;
  }
  pdf
    .fontSize(8)
    .fillColor('#555')
    .text('This e-ticket is the tax invoice for the admission and booking fee above. Prices include GST.', 40, y + 14, {
      width: 515,
    });
}
