// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { renderInApp } from '../test/render';
import { KioskKeyboard } from './lazy-keyboard';
import type { TKeyboardLayout } from './on-screen-keyboard';

afterEach(cleanup);

/** A field typed only through the on-screen keyboard, as on the kiosk. */
function Field({ layout, onDone = () => undefined }: { layout: TKeyboardLayout; onDone?: () => void }) {
  const [value, setValue] = useState('');
  return (
    <>
      <label>
        Field
        <input value={value} inputMode="none" onChange={(e) => setValue(e.target.value)} />
      </label>
      <KioskKeyboard
        layout={layout}
        value={value}
        onChange={setValue}
        onDone={onDone}
        maxLength={layout === 'code' ? 6 : 254}
      />
    </>
  );
}

/** The keyboard is loaded lazily (its own chunk): a busy machine may take a while to import it. */
const keyboardLoaded = () => screen.findByRole('group', { name: 'On-screen keyboard' }, { timeout: 10_000 });

const press = (...names: string[]) => {
  for (const name of names) fireEvent.click(screen.getByRole('button', { name }));
};

describe('on-screen keyboard', () => {
  it('types an email into the field key by key, with ".com", Delete and Done', async () => {
    const onDone = vi.fn();
    renderInApp(<Field layout="email" onDone={onDone} />);
    // Loaded lazily: it appears once its chunk has loaded.
    await keyboardLoaded();
    const input = screen.getByLabelText<HTMLInputElement>('Field');

    press('a', 's', 'h', 'a', '.', 'r', '_', '9', '@', 'e', 'x', '-', 'a', 'm', 'p', 'l', 'e', '.com');
    expect(input.value).toBe('asha.r_9@ex-ample.com');
    press('Delete', 'Delete', 'Delete', 'Delete');
    expect(input.value).toBe('asha.r_9@ex-ample');
    press('Clear');
    expect(input.value).toBe('');
    press('Done');
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('offers only the booking-code alphabet for a code, and stops at its length', async () => {
    renderInApp(<Field layout="code" />);
    const keyboard = await keyboardLoaded();
    const keys = within(keyboard)
      .getAllByRole('button')
      .map((b) => b.textContent);
    for (const c of '23456789ABCDEFGHJKMNPQRSTWXYZ') expect(keys).toContain(c);
    for (const c of ['0', '1', 'I', 'L', 'O', 'U', 'V', '@', '.com']) expect(keys).not.toContain(c);

    press('K', '7', 'M', '2', 'Q', 'X', 'Z');
    expect(screen.getByLabelText<HTMLInputElement>('Field').value).toBe('K7M2QX');
  });

  it('keeps the focus in the field while its keys are pressed', async () => {
    renderInApp(<Field layout="email" />);
    await keyboardLoaded();
    const input = screen.getByLabelText<HTMLInputElement>('Field');
    input.focus();
    const key = screen.getByRole('button', { name: 'q' });
    // A prevented mousedown is what stops the button from taking the focus.
    expect(fireEvent.mouseDown(key)).toBe(false);
    fireEvent.click(key);
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('q');
  });

  it('names its keys in Hindi', async () => {
    function Hindi() {
      const { setLanguage } = useI18n();
      return (
        <>
          <button type="button" onClick={() => setLanguage('hi')}>
            hi
          </button>
          <Field layout="email" />
        </>
      );
    }
    render(
      <I18nProvider>
        <Hindi />
      </I18nProvider>,
    );
    await keyboardLoaded();
    fireEvent.click(screen.getByRole('button', { name: 'hi' }));
    expect(screen.getByRole('group', { name: 'स्क्रीन कीबोर्ड' })).toBeTruthy();
    for (const name of ['मिटाएँ', 'सब मिटाएँ', 'हो गया']) expect(screen.getByRole('button', { name })).toBeTruthy();
  });
});
