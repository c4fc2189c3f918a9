// A question that must be answered before something that cannot be undone (releasing seats): an
// alertdialog that takes the focus, keeps it (Tab cycles inside), and treats Escape as the safe
// answer. The safe answer's button has the focus first, so a stray Enter keeps what the customer has.
import { useEffect, useId, useRef } from 'react';

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  keepLabel,
  busy = false,
  onConfirm,
  onKeep,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  keepLabel: string;
  /** The confirmed action is under way: both buttons wait. */
  busy?: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const onKeepRef = useRef(onKeep);
  onKeepRef.current = onKeep;

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    keep.current?.focus();
    const focusables = () => [...(dialog.current?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? [])];
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onKeepRef.current();
      } else if (e.key === 'Tab') {
        const items = focusables();
        if (!items.length) return;
        const at = items.indexOf(document.activeElement as HTMLElement);
        const next = e.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : at === items.length - 1 ? 0 : at + 1;
        e.preventDefault();
        items[next]!.focus();
      }
    };
    // A pointer or screen reader that moves the focus out of the dialog is brought back into it.
    const onFocusIn = (e: FocusEvent) => {
      if (dialog.current && e.target instanceof Node && !dialog.current.contains(e.target)) keep.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
      before?.focus();
    };
  }, []);

  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-help`}
        className="modal confirm-dialog"
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-help`}>{message}</p>
        <div className="confirm-dialog-buttons">
          <button ref={keep} type="button" className="button button-primary" disabled={busy} onClick={onKeep}>
            {keepLabel}
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
