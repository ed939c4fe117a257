import type { ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';

/**
 * A button that opens a modal confirmation on the native <dialog>: focus moves into it, Escape
 * cancels, the page behind is inert, and focus returns to the button afterwards. While the dialog
 * is open the button is not rendered, so the confirm button may carry the same name ("Reset API
 * token") and still be the only control of that name. `onConfirm` runs on submit; the caller
 * closes the dialog by clearing `open`.
 */
export function ConfirmDialog(props: {
  open: boolean;
  onOpen: () => void;
  triggerLabel: string;
  triggerClassName?: string;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { open, onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
    if (!open && wasOpen.current) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const cancel = (event: Event) => {
      event.preventDefault();
      onCancel();
    };
    element.addEventListener('cancel', cancel);
    return () => element.removeEventListener('cancel', cancel);
  }, [onCancel]);

  return (
    <>
      {!open && (
        <button ref={trigger} type="button" className={props.triggerClassName} onClick={props.onOpen}>
          {props.triggerLabel}
        </button>
      )}
      <dialog ref={dialog} aria-labelledby={titleId}>
        {open && (
          <form
            method="dialog"
            onSubmit={(event) => {
              event.preventDefault();
              props.onConfirm();
            }}
          >
            <h2 id={titleId}>{props.title}</h2>
            {props.children}
            <div className="actions">
              <button type="submit" className={props.danger ? 'danger' : undefined} disabled={props.busy}>
                {props.confirmLabel}
              </button>
              <button type="button" className="secondary" onClick={onCancel} autoFocus>
                Cancel
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
