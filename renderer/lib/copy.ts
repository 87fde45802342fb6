// Copies text the app shows (an answer) to the clipboard. The app denies every web permission, so the async
// Clipboard API is refused in the desktop app; a `copy` command run from the click itself needs no permission. This is
// for the person's own answers only: secrets (generated passwords) are copied by the permission layer, which also
// clears the clipboard afterwards.

export function copyText(text: string): boolean {
  const put = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
  };
  document.addEventListener('copy', put);
  try {
    // Deprecated in name only: it is the one clipboard write a sandboxed page may make without a permission.
    return document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', put);
  }
}
