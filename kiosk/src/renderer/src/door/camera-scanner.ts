// Reads QR codes from the camera: the browser's BarcodeDetector where it has one (Chrome on Android,
// ChromeOS, macOS), jsQR on canvas frames everywhere else (desktop Linux and Windows, Firefox).
import jsQR from 'jsqr';

export interface TCamera {
  stop: () => void;
  /** Which decoder runs, for the screen and the tests. */
  decoder: 'BarcodeDetector' | 'jsQR';
}

interface TBarcodeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type TBarcodeDetectorClass = {
  new (opts: { formats: string[] }): TBarcodeDetector;
  getSupportedFormats(): Promise<string[]>;
};

async function nativeDetector(): Promise<TBarcodeDetector | null> {
  const Detector = (window as unknown as { BarcodeDetector?: TBarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  const formats = await Detector.getSupportedFormats().catch(() => [] as string[]);
  return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
}

export async function startCamera(
  video: HTMLVideoElement,
  onText: (text: string) => void,
  intervalMs = 200,
): Promise<TCamera> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new Error('This browser cannot use a camera here. Type or scan the ticket code instead.');
  const stream = await navigator.mediaDevices
    .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
    .catch((err: unknown) => {
      throw new Error(
        `The camera could not start (${err instanceof Error ? err.message : String(err)}). Type or scan the ticket code instead.`,
      );
    });
  video.srcObject = stream;
  await video.play();
  const detector = await nativeDetector();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  let busy = false;
  const timer = setInterval(() => {
    if (busy || video.readyState < video.HAVE_CURRENT_DATA) return;
    busy = true;
    void (async () => {
      try {
        if (detector) {
          const [code] = await detector.detect(video);
          if (code?.rawValue) onText(code.rawValue);
        } else {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          const frame = context.getImageData(0, 0, canvas.width, canvas.height);
          const code = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
          if (code?.data) onText(code.data);
        }
      } finally {
        busy = false;
      }
    })();
  }, intervalMs);
  return {
    decoder: detector ? 'BarcodeDetector' : 'jsQR',
    stop: () => {
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
