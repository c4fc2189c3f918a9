// The strings of the kiosk's collect screen and on-screen keyboard, in English and Hindi. Apart from
// messages.ts because they load with the kiosk's code (lazily): the web app's first download does
// not carry them. One typed table, like messages.ts: a key missing from a language
// fails the typecheck.
import { useI18n } from './i18n';
import type { TLanguage } from './messages';

const en = {
  /** The attract screen's button (the kiosk only, so not in the web's messages.ts). */
  start: 'Collect tickets',
  startHelp: 'Booked online? Print your tickets here.',
  title: 'Collect your tickets',
  help: 'Type the booking code from your email and the email or phone number you booked with, or scan the QR code of your e-ticket.',
  code: 'Booking code',
  contact: 'Email or phone number',
  print: 'Print my tickets',
  scan: 'Scan e-ticket QR',
  scanHelp: 'Hold the QR code of your e-ticket up to the camera.',
  stopScan: 'Stop scanning',
  noCamera: 'The camera is not available. Please type your booking code instead.',
  printed: (n: number) => (n === 1 ? 'Your ticket is printed.' : `Your ${n} tickets are printed.`),
  failedHelp: 'Nothing was collected: try again here, at another kiosk, or ask at the box office.',
  alreadyCollected: (kiosk: string, at: string) =>
    `These tickets were already collected at ${kiosk} at ${at}. Please ask at the box office.`,
  keyboard: {
    label: 'On-screen keyboard',
    delete: 'Delete',
    clear: 'Clear',
    done: 'Done',
  },
};

export type TCollectMessages = typeof en;

const hi: TCollectMessages = {
  start: 'टिकट लें',
  startHelp: 'ऑनलाइन बुक किया? अपने टिकट यहाँ छापें।',
  title: 'अपने टिकट लें',
  help: 'ईमेल में आया बुकिंग कोड और बुकिंग में दिया ईमेल या फ़ोन नंबर लिखें, या अपने ई-टिकट का QR कोड स्कैन करें।',
  code: 'बुकिंग कोड',
  contact: 'ईमेल या फ़ोन नंबर',
  print: 'मेरे टिकट छापें',
  scan: 'ई-टिकट QR स्कैन करें',
  scanHelp: 'अपने ई-टिकट का QR कोड कैमरे के सामने रखें।',
  stopScan: 'स्कैन बंद करें',
  noCamera: 'कैमरा उपलब्ध नहीं है। कृपया बुकिंग कोड लिखें।',
  printed: (n) => (n === 1 ? 'आपका टिकट छप गया।' : `आपके ${n} टिकट छप गए।`),
  failedHelp: 'कुछ भी लिया नहीं गया: यहाँ फिर कोशिश करें, किसी दूसरे कियोस्क पर, या बॉक्स ऑफ़िस पर पूछें।',
  alreadyCollected: (kiosk, at) => `ये टिकट ${at} पर ${kiosk} पर पहले ही लिए जा चुके हैं। कृपया बॉक्स ऑफ़िस पर पूछें।`,
  keyboard: {
    label: 'स्क्रीन कीबोर्ड',
    delete: 'मिटाएँ',
    clear: 'सब मिटाएँ',
    done: 'हो गया',
  },
};

const COLLECT_MESSAGES: Record<TLanguage, TCollectMessages> = { en, hi };

export function useCollectMessages(): TCollectMessages {
  return COLLECT_MESSAGES[useI18n().language];
}
