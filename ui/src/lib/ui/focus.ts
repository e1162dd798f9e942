/**
 * Focuses an element as soon as it is mounted. Used instead of the `autofocus` attribute: WebKitGTK
 * applies `autofocus` at a later rendering step, so keys typed quickly after a screen appears (a
 * fast officer, a barcode scanner, a WebDriver test) could land in one field and then jump to the
 * autofocused one with the caret at its start.
 */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}
