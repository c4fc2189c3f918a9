// The kiosk's on-screen keyboard: a kiosk has no physical keyboard, and its OS keyboard is off
// (inputMode="none" on its fields). Big keys along the bottom of the 1080×1920 screen, where a hand
// reaches; real <button>s with names, so a screen reader (and a test) finds "a", "Delete", "Done".
// Loaded only by the kiosk, through lazy-keyboard.tsx: the web app never downloads it.
//
// Two layouts: an email (or phone) needs Latin letters, digits, @ . _ - and ".com"; a booking code
// only the code alphabet (no 0, 1, I, L, O, U, V: BOOKING_CODE_ALPHABET), in QWERTY order.
import { BOOKING_CODE_ALPHABET } from '@marquee/shared';
import type { ReactNode } from 'react';
import { useCollectMessages } from '../i18n/collect-messages';
import './on-screen-keyboard.css';

export type TKeyboardLayout = 'email' | 'code';

const qwerty = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const codeLetters = (row: string) => [...row.toUpperCase()].filter((c) => BOOKING_CODE_ALPHABET.includes(c)).join('');

const ROWS: Record<TKeyboardLayout, string[][]> = {
  email: [[...'1234567890'], [...qwerty[0]!], [...qwerty[1]!, '@'], [...qwerty[2]!, '.', '_', '-']],
  code: [[...'23456789'], ...qwerty.map((row) => [...codeLetters(row)])],
};

export interface TOnScreenKeyboardProps {
  layout: TKeyboardLayout;
  value: string;
  onChange: (value: string) => void;
  /** "Done": the customer finished this field (next field, or close the keyboard). */
  onDone: () => void;
  maxLength?: number;
}

export default function OnScreenKeyboard({ layout, value, onChange, onDone, maxLength = 254 }: TOnScreenKeyboardProps) {
  const m = useCollectMessages();
  const type = (text: string) => onChange((value + text).slice(0, maxLength));
  // Pressing a key must not take the focus (and the caret) away from the field being typed in.
  const keepFocus = (e: { preventDefault: () => void }) => e.preventDefault();
  const key = (
    label: ReactNode,
    onPress: () => void,
    opts: { id?: string; wide?: boolean; primary?: boolean } = {},
  ) => (
    <button
      key={opts.id ?? (typeof label === 'string' ? label : undefined)}
      type="button"
      className={`osk-key${opts.wide ? ' osk-key-wide' : ''}${opts.primary ? ' osk-key-primary' : ''}`}
      onMouseDown={keepFocus}
      onClick={onPress}
    >
      {label}
    </button>
  );
  return (
    <div className="osk" role="group" aria-label={m.keyboard.label} data-layout={layout}>
      {ROWS[layout].map((row, i) => (
        <div className="osk-row" key={i}>
          {row.map((c) => key(c, () => type(c)))}
        </div>
      ))}
      <div className="osk-row">
        {key(m.keyboard.clear, () => onChange(''), { id: 'clear', wide: true })}
        {layout === 'email' && key('.com', () => type('.com'), { wide: true })}
        {key(
          // The arrow is drawn, not spoken: the key's name is the word, as it shows.
          <>
            <span aria-hidden="true">⌫ </span>
            {m.keyboard.delete}
          </>,
          () => onChange(value.slice(0, -1)),
          { id: 'delete', wide: true },
        )}
        {key(m.keyboard.done, onDone, { id: 'done', wide: true, primary: true })}
      </div>
    </div>
  );
}
