import { malformedXml } from './s3-error';

/** One element of a parsed request body: its local name, child elements and text. */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const named = NAMED_ENTITIES[ref];
    if (named === undefined) throw malformedXml();
    return named;
  });
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/y;

/**
 * Parses the small XML documents S3 requests carry (Delete, Tagging, CompleteMultipartUpload…).
 * Namespaces are dropped (S3 accepts bodies with or without its xmlns); anything that is not
 * well-formed is MalformedXML. Object keys arrive here, so entities, CDATA and any character
 * are kept exactly; no DTDs, so no entity expansion beyond the predefined five.
 */
export function parseXml(source: string): XmlNode {
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const match = TOKEN.exec(source);
    if (!match) throw malformedXml();
    const [, cdata, closing, qname, , selfClosing, text] = match;
    const top = stack[stack.length - 1] as XmlNode;
    if (cdata !== undefined) top.text += cdata;
    else if (text !== undefined) top.text += decodeEntities(text);
    else if (qname !== undefined) {
      const name = qname.includes(':') ? qname.slice(qname.indexOf(':') + 1) : qname;
      if (closing) {
        if (stack.length < 2 || top.name !== name) throw malformedXml();
        stack.pop();
      } else {
        const node: XmlNode = { name, children: [], text: '' };
        top.children.push(node);
        if (!selfClosing) stack.push(node);
      }
    }
  }
  const [documentElement, ...rest] = root.children;
  if (stack.length !== 1 || !documentElement || rest.length > 0) throw malformedXml();
  return documentElement;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Text of a direct child; undefined when the child is absent. */
export function childText(node: XmlNode, name: string): string | undefined {
  return child(node, name)?.text;
}
