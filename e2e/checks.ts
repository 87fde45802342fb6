import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { INTERNAL_TEXT_RE } from '../electron/vocabulary';

// Shared waits and checks for the flows: named selectors and events, never sleeps.

export async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

/** No rendered text, tooltip, label or placeholder shows an internal id (it_, pr_, src_, gen_, cv_) or "[object Object]". */
export async function assertNoInternalText(page: Page, screen: string): Promise<void> {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    for (const d of document.querySelectorAll('dialog[open]')) out.push((d as HTMLElement).innerText);
    return out;
  });
  for (const t of texts) {
    const m = INTERNAL_TEXT_RE.exec(t);
    assert.equal(m, null, `${screen}: internal text "${m?.[0]}" is shown to people in: ${t.slice(Math.max(0, (m?.index ?? 0) - 60), (m?.index ?? 0) + 60)}`);
  }
}

/** The element's box lies inside the viewport (the details drawer must be in view wherever the row was). */
export async function assertInView(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const vp = page.viewportSize()!;
  assert.ok(box, `${selector} is not rendered`);
  assert.ok(box.y >= 0 && box.x >= 0 && box.y + Math.min(box.height, 80) <= vp.height && box.x + 40 <= vp.width, `${selector} is out of view: ${JSON.stringify(box)} in ${vp.width}x${vp.height}`);
}

/** Focus is inside the element matched by `selector`. */
export async function assertFocusIn(page: Page, selector: string): Promise<void> {
  const inside = await page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);
  assert.ok(inside, `focus is not in ${selector} (it is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))})`);
}

/** Resolves with the next confirm-dialog decision the renderer announces. */
export function nextDecision(page: Page): Promise<{ id: string; kind: string; status: string }> {
  return page.evaluate(() => new Promise((r) => window.addEventListener('bastion:proposal-decided', (e) => r((e as CustomEvent).detail), { once: true }))) as Promise<{ id: string; kind: string; status: string }>;
}
