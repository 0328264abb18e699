/** Small DOM builders shared by the panels' browser code. */

/** A standard element with its properties set and its children appended. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** A custom element (`vscode-button`, …): attributes, since its properties are set by the component. */
export function custom(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
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
