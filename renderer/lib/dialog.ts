import { useEffect, type RefObject } from 'react';

/**
 * A <dialog> as a modal from the moment it mounts: focus moves into it (to `focusIn`'s element, else its first input)
 * and goes back to whatever had it before when the dialog goes away — the keyboard path the palette, the knowledge
 * search and the confirm dialog share.
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>, focusIn?: (d: HTMLDialogElement) => HTMLElement | null | undefined): void {
  useEffect(() => {
    const d = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    (focusIn ? focusIn(d) : d.querySelector('input'))?.focus();
    return () => opener?.focus?.();
    // Mount only: focus is placed once, as the dialog opens.
  }, []);
}
