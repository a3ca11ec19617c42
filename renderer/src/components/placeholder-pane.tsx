/**
 * The content of a pane that is registered but not built yet.
 */

/** Says which pane this is and that it is not available yet. */
export function PlaceholderPane(props: { title: string }) {
  return (
    <section class="pane" aria-labelledby="placeholder-heading">
      <h2 id="placeholder-heading">{props.title}</h2>
      <p class="muted">This pane is not available in this build yet.</p>
    </section>
  );
}
