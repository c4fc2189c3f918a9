// The GSTIN (GST identification number) and the GST state codes. A GSTIN is 15 characters: the
// 2-digit state code of the registration, the holder's 10-character PAN (5 letters, 4 digits, 1
// letter), the entity number of that PAN in the state (1-9, then A-Z), 'Z' (reserved), and a check
// character: Luhn mod 36 over the alphabet 0-9A-Z, so any one mistyped character is caught.

export interface TGstStateCode {
  code: string;
  name: string;
  /** False for a code kept only because older registrations carry it; a new one gets another code. */
  inUse: boolean;
}

/**
 * The state and union territory codes of GST registrations (Census 2011 codes, plus 37, 38 and 97).
 * 25 (Daman and Diu) merged into 26 in 2020; 28 was Andhra Pradesh before Telangana split off in
 * 2014, now 37. 99 (Centre Jurisdiction) is left out: no place of business registers under it.
 */
export const GST_STATE_CODES: readonly TGstStateCode[] = [
  { code: '01', name: 'Jammu and Kashmir', inUse: true },
  { code: '02', name: 'Himachal Pradesh', inUse: true },
  { code: '03', name: 'Punjab', inUse: true },
  { code: '04', name: 'Chandigarh', inUse: true },
  { code: '05', name: 'Uttarakhand', inUse: true },
  { code: '06', name: 'Haryana', inUse: true },
  { code: '07', name: 'Delhi', inUse: true },
  { code: '08', name: 'Rajasthan', inUse: true },
  { code: '09', name: 'Uttar Pradesh', inUse: true },
  { code: '10', name: 'Bihar', inUse: true },
  { code: '11', name: 'Sikkim', inUse: true },
  { code: '12', name: 'Arunachal Pradesh', inUse: true },
  { code: '13', name: 'Nagaland', inUse: true },
  { code: '14', name: 'Manipur', inUse: true },
  { code: '15', name: 'Mizoram', inUse: true },
  { code: '16', name: 'Tripura', inUse: true },
  { code: '17', name: 'Meghalaya', inUse: true },
  { code: '18', name: 'Assam', inUse: true },
  { code: '19', name: 'West Bengal', inUse: true },
  { code: '20', name: 'Jharkhand', inUse: true },
  { code: '21', name: 'Odisha', inUse: true },
  { code: '22', name: 'Chhattisgarh', inUse: true },
  { code: '23', name: 'Madhya Pradesh', inUse: true },
  { code: '24', name: 'Gujarat', inUse: true },
  { code: '25', name: 'Daman and Diu (before the 2020 merger)', inUse: false },
  { code: '26', name: 'Dadra and Nagar Haveli and Daman and Diu', inUse: true },
  { code: '27', name: 'Maharashtra', inUse: true },
  { code: '28', name: 'Andhra Pradesh (before 2014)', inUse: false },
  { code: '29', name: 'Karnataka', inUse: true },
  { code: '30', name: 'Goa', inUse: true },
  { code: '31', name: 'Lakshadweep', inUse: true },
  { code: '32', name: 'Kerala', inUse: true },
  { code: '33', name: 'Tamil Nadu', inUse: true },
  { code: '34', name: 'Puducherry', inUse: true },
  { code: '35', name: 'Andaman and Nicobar Islands', inUse: true },
  { code: '36', name: 'Telangana', inUse: true },
  { code: '37', name: 'Andhra Pradesh', inUse: true },
  { code: '38', name: 'Ladakh', inUse: true },
  { code: '97', name: 'Other Territory', inUse: true },
];

/** The codes a cinema may choose as its state today. */
export const GST_STATE_CODES_IN_USE: readonly string[] = GST_STATE_CODES.filter((s) => s.inUse).map((s) => s.code);

export function gstStateName(code: string): string | undefined {
  return GST_STATE_CODES.find((s) => s.code === code)?.name;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const GSTIN_FORMAT = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/** The check character of the first 14 characters of a GSTIN (Luhn mod 36, factors 1, 2, 1, … from the left). */
export function gstinCheckChar(first14: string): string {
  let sum = 0;
  for (let i = 0; i < first14.length; i++) {
    const product = ALPHABET.indexOf(first14[i]!) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET[(36 - (sum % 36)) % 36]!;
}

export type TGstinProblem = 'format' | 'state-unknown' | 'checksum' | 'state-mismatch';

export type TGstinCheck =
  { ok: true; gstin: string; stateCode: string; pan: string } | { ok: false; reason: TGstinProblem; message: string };

/**
 * Checks a GSTIN as typed (spaces anywhere, as in a pasted "29 AAACM 0000M1ZT", and lower case are
 * forgiven), and, given the cinema's state code, that it was issued in that state. The message says
 * what is wrong in words an admin can act on.
 */
export function checkGstin(input: string, options: { stateCode?: string } = {}): TGstinCheck {
  const gstin = input.replace(/\s+/g, '').toUpperCase();
  if (!GSTIN_FORMAT.test(gstin))
    return {
      ok: false,
      reason: 'format',
      message:
        'A GSTIN is 15 characters: 2-digit state code, 10-character PAN, entity number, Z, check character (like 27AAPFU0939F1ZV).',
    };
  const stateCode = gstin.slice(0, 2);
  if (!gstStateName(stateCode))
    return { ok: false, reason: 'state-unknown', message: `${stateCode} is not a GST state code.` };
  if (gstinCheckChar(gstin.slice(0, 14)) !== gstin[14])
    return {
      ok: false,
      reason: 'checksum',
      message: 'The last character does not match the others: one of the characters is mistyped.',
    };
  if (options.stateCode !== undefined && options.stateCode !== stateCode)
    return {
      ok: false,
      reason: 'state-mismatch',
      message: `This GSTIN is registered in ${gstStateName(stateCode)} (${stateCode}), not in ${
        gstStateName(options.stateCode) ?? options.stateCode
      } (${options.stateCode}), the cinema's state.`,
    };
  return { ok: true, gstin, stateCode, pan: gstin.slice(2, 12) };
}

/** SAC (services accounting code): six digits, all heading 99. */
export const SAC_FORMAT = /^99[0-9]{4}$/;
