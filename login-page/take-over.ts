/**
 * The hand-over from the form the server rendered into `/login` (server/pages/first-form.ts) to the
 * element's own form. The server's form shows with the HTML, so people start typing before the
 * widget's script has run; when the element then renders its form, this moves over what was typed
 * (names, password, the two check boxes), the focus and the caret, and removes the server's form
 * and shadow content, all before the next frame is painted. The element is not changed for this:
 * it starts as on any page, and the copied input reaches it through the same `input` and `change`
 * events as typing.
 */

interface Place {
  name: string;
  start: number | null;
  end: number | null;
  direction: 'forward' | 'backward' | 'none' | undefined;
}

const placeOf = (input: HTMLInputElement): Place => ({
  name: input.name,
  start: input.selectionStart,
  end: input.selectionEnd,
  direction: input.selectionDirection ?? undefined,
});

/** The element's own form, once it has rendered one beside the server's. */
const ownForm = (host: HTMLElement, early: HTMLFormElement) =>
  [...host.querySelectorAll<HTMLFormElement>(':scope > form')].find((f) => f !== early);

/** Watches `host` and hands over the form it holds before it starts (the server's) once. */
export function takeOverFirstForm(host: HTMLElement): void {
  const early = host.querySelector<HTMLFormElement>(':scope > form[slot=form]');
  if (!early) return;
  // The server's shadow root (declarative shadow DOM), which Lit keeps and renders after.
  const card = [...(host.shadowRoot?.childNodes ?? [])];
  // Where the person is typing: the focused field now, then wherever they type, click or move the
  // caret (only their own events: the element, starting, moves the focus itself, even into this
  // form, whose fields it counts as its own).
  const active = document.activeElement;
  let place = active instanceof HTMLInputElement && early.contains(active) ? placeOf(active) : null;
  const note = (e: Event) => {
    if (e.isTrusted && e.target instanceof HTMLInputElement) place = placeOf(e.target);
  };
  const kinds = ['input', 'keyup', 'pointerup'];
  for (const kind of kinds) early.addEventListener(kind, note);
  const watch = new MutationObserver(() => {
    const own = ownForm(host, early);
    if (!own) return;
    watch.disconnect();
    for (const kind of kinds) early.removeEventListener(kind, note);
    copyInput(early, own);
    early.remove();
    for (const node of card) node.remove();
    const target = place && own.elements.namedItem(place.name);
    if (place && target instanceof HTMLInputElement) keepPlace(target, place);
  });
  watch.observe(host, { childList: true });
}

/** What was typed or ticked in `early`, into `own`, with the events the element listens to. */
function copyInput(early: HTMLFormElement, own: HTMLFormElement): void {
  for (const input of early.querySelectorAll('input')) {
    const twin = own.elements.namedItem(input.name);
    if (!(twin instanceof HTMLInputElement)) continue;
    if (input.type === 'checkbox') {
      // A click sets it as a person would.
      if (twin.checked !== input.checked) twin.click();
    } else if (input.value !== input.defaultValue) {
      twin.value = input.value;
      twin.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}

/** The focus and caret back in `target`, now and after the element's own focus move. */
function keepPlace(target: HTMLInputElement, place: Place): void {
  const refocus = () => {
    if (document.activeElement === target) return;
    target.focus();
    if (place.start !== null && place.end !== null) {
      target.setSelectionRange(place.start, place.end, place.direction);
    }
  };
  refocus();
  // The element focuses its new form's first empty field (or the first field) once it has
  // rendered, in a microtask either side of this one: undone before the frame is painted.
  requestAnimationFrame(refocus);
}
