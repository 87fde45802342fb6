/** No vault yet: say so and invite an import (the form follows); no score is shown, there is nothing to score. */
export function EmptyState() {
  return (
    <section className="panel empty-state" aria-labelledby="empty-title" data-testid="empty-state">
      <h2 id="empty-title">No vault imported yet</h2>
      <p>Import a KeePass file or an export from Bitwarden, 1Password, Chrome or Firefox below. Bastion checks it on this computer and keeps no password.</p>
    </section>
  );
}
