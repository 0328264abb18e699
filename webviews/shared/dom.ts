/** Small DOM builders shared by the panels' browser code. */

/** A child to append; `undefined` (a part that is not shown) is skipped. */
export type Child = Node | string | undefined;

/** A standard element with its properties set and its children appended. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  append(node, children);
  return node;
}

/**
 * A custom element (`vscode-button`, …), or a standard one that needs attributes with no
 * property (`aria-*`, `role`, `style`): attributes, since a component sets its own properties.
 */
export function custom(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  append(node, children);
  return node;
}

function append(node: HTMLElement, children: Child[]): void {
  for (const child of children) if (child !== undefined) node.append(child);
}

export interface ButtonOptions {
  secondary?: boolean;
  disabled?: boolean;
  id?: string;
  title?: string;
}

/** A `vscode-button` that runs `onClick` by mouse or keyboard, unless it is disabled. */
export function button(label: string, onClick: () => void, options: ButtonOptions = {}): HTMLElement {
  const b = custom('vscode-button', options.secondary ? { secondary: '' } : {}, label);
  if (options.id) b.id = options.id;
  if (options.title) b.setAttribute('title', options.title);
  if (options.disabled) b.setAttribute('disabled', '');
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}
