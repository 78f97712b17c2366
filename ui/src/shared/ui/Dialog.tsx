import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { t } from '../../i18n';

/**
 * A modal form on the native <dialog> element: the browser traps focus, Esc closes it, and focus returns to the
 * element that opened it (standard in Chromium and Firefox).
 */
export function Dialog(props: {
  open: boolean;
  title: string;
  submitLabel: string;
  onSubmit: (form: FormData) => void;
  onClose: () => void;
  busy?: boolean;
  error?: string | null;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    props.onSubmit(new FormData(e.currentTarget));
  };
  const titleId = `dialog-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} onClose={props.onClose} aria-labelledby={titleId}>
      {props.open && (
        <form onSubmit={submit}>
          <h2 id={titleId}>{props.title}</h2>
          {props.children}
          {props.error && (
            <p role="alert" className="error">
              {props.error}
            </p>
          )}
          <div className="buttons">
            <button type="button" onClick={props.onClose}>
              {t('action.cancel')}
            </button>
            <button type="submit" className="primary" disabled={props.busy}>
              {props.submitLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
