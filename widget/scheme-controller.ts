/**
 * Light or dark for `<ipsafezone-login>`, as the page says: a Lit ReactiveController that sets the
 * host's `data-scheme` from the page's `color-scheme` (what AUI's CSS resolves its colour mode
 * to), else Atlassian's `<html data-color-mode>` on a page without that CSS, else nothing (the
 * system setting rules). It watches those `<html>` attributes and the system setting while the
 * element is on the page; nothing runs before it is connected (so the element can render in Node).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SchemeController implements ReactiveController {
  private watch: MutationObserver | undefined;
  /** The system setting, which the page's own colour scheme may follow (AUI's "match browser"). */
  private systemDark: MediaQueryList | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
    this.watch ??= new MutationObserver(() => this.follow());
    this.watch.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-color-mode', 'data-color-mode-auto', 'data-theme', 'style', 'class'],
    });
    this.systemDark ??= matchMedia('(prefers-color-scheme: dark)');
    this.systemDark.onchange = () => this.follow();
  }

  hostDisconnected(): void {
    this.watch?.disconnect();
    if (this.systemDark) this.systemDark.onchange = null;
  }

  private follow(): void {
    const el = this.host;
    const scheme = getComputedStyle(el.parentElement ?? document.documentElement).colorScheme;
    const page =
      /^(light|dark)\b(?!.*(light|dark))/.exec(scheme)?.[1] ??
      /^(light|dark)$/.exec(document.documentElement.dataset.colorMode ?? '')?.[0];
    if (page) el.dataset.scheme = page;
    else delete el.dataset.scheme;
  }
}
