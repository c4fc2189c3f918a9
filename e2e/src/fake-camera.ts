// A camera for the browser journeys: Chromium plays a Y4M file as its webcam
// (--use-file-for-fake-video-capture). This writes one showing a QR code, as a ticket held up
// to the door's camera would look (black modules on white paper, centred, with a quiet zone).
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

export function qrCameraFile(text: string, file: string, { width = 640, height = 480, frames = 5 } = {}): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let y = 0; y < scale; y++)
        luma.fill(
          16,
          (top + r * scale + y) * width + left + c * scale,
          (top + r * scale + y) * width + left + (c + 1) * scale,
        );
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
      ...Array.from({ length: frames }, () => frame),
    ]),
  );
  return file;
}
