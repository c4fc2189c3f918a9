// ESC/POS real-time status (DLE EOT n), as Epson documents it: the printer answers one byte at
// once, even mid-job. Bits 1 and 4 are always set and bits 0 and 7 clear, which tells a real status
// byte from noise. Used by the network printer client and by the virtual printer that answers it.

export const DLE_EOT = 0x10 as const;
export const EOT = 0x04 as const;
/** n = 1: printer status (bit 3: offline). n = 4: roll paper sensor (bits 2-3 near end, 5-6 end). */
export const STATUS_PRINTER = 1;
export const STATUS_OFFLINE_CAUSE = 2;
export const STATUS_ERROR = 3;
export const STATUS_PAPER = 4;

const FIXED = 0x12;
const OFFLINE = 0x08;
const PAPER_NEAR_END = 0x0c;
const PAPER_END = 0x60;

export type TPaper = 'ok' | 'low' | 'out';

export function statusRequest(n: number): Uint8Array {
  return Uint8Array.of(DLE_EOT, EOT, n);
}

/** The byte a printer with this paper answers to DLE EOT n. Out of paper, it stops: offline. */
export function statusByte(n: number, paper: TPaper): number {
  switch (n) {
    case STATUS_PRINTER:
      return FIXED | (paper === 'out' ? OFFLINE : 0);
    case STATUS_OFFLINE_CAUSE:
      return FIXED | (paper === 'out' ? 0x20 : 0);
    case STATUS_PAPER:
      return FIXED | (paper === 'low' ? PAPER_NEAR_END : paper === 'out' ? PAPER_NEAR_END | PAPER_END : 0);
    default:
      return FIXED;
  }
}

export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === FIXED;
}

export function paperFromStatus(byte: number): TPaper {
  if ((byte & PAPER_END) === PAPER_END) return 'out';
  if ((byte & PAPER_NEAR_END) === PAPER_NEAR_END) return 'low';
  return 'ok';
}

export function isOffline(byte: number): boolean {
  return (byte & OFFLINE) === OFFLINE;
}
