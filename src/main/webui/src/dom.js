// The only way this page makes elements. Strings become text nodes (textContent), never markup:
// verdicts carry attacker-controlled log text, so nothing here parses HTML.
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('td', {class: 'x'}, 'text', child) -> element. Attribute values go through setAttribute; keys
 * starting with "on" are refused so a data value can never become a handler.
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:') ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (/^on/i.test(k)) throw new Error(`event handler attribute ${k} refused`);
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children with the given ones (text or nodes). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (sel) => document.querySelector(sel);
