// Expands LSP snippets as an editor does when the user accepts every default, so tests can
// compare the text an accepted completion leaves behind.

type SnippetNode =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] };

/**
 * Returns the text of `snippet` with each choice set to its first option, each placeholder to
 * its default, each mirror (`$1` again) to its tab stop's value and `$0` removed. Throws on
 * syntax the LSP snippet grammar does not allow, such as an unclosed `${`.
 */
export function expandSnippet(snippet: string): string {
  const { nodes, end } = parseNodes(snippet, 0, false);
  if (end !== snippet.length) {
    throw new Error(`Unexpected "}" at ${end} in snippet ${JSON.stringify(snippet)}.`);
  }
  const definitions = new Map<number, SnippetNode>();
  collectDefinitions(nodes, definitions);
  return render(nodes, definitions, new Set());
}

function parseNodes(
  snippet: string,
  from: number,
  nested: boolean,
): { nodes: SnippetNode[]; end: number } {
  const nodes: SnippetNode[] = [];
  let text = '';
  let position = from;
  const flush = () => {
    if (text !== '') {
      nodes.push({ kind: 'text', text });
      text = '';
    }
  };

  while (position < snippet.length) {
    const character = snippet[position];
    if (character === '\\' && '$}\\'.includes(snippet[position + 1] ?? '')) {
      text += snippet[position + 1];
      position += 2;
    } else if (character === '}' && nested) {
      break;
    } else if (character === '$') {
      const parsed = parseDollar(snippet, position);
      if (parsed === undefined) {
        text += character;
        position++;
      } else {
        flush();
        nodes.push(parsed.node);
        position = parsed.end;
      }
    } else {
      text += character;
      position++;
    }
  }
  flush();
  return { nodes, end: position };
}

function parseDollar(snippet: string, at: number): { node: SnippetNode; end: number } | undefined {
  const plain = /^\$(\d+)/.exec(snippet.slice(at));
  if (plain !== null) {
    return { node: { kind: 'tabstop', index: Number(plain[1]) }, end: at + plain[0].length };
  }
  const opening = /^\$\{(\d+)([:|}])/.exec(snippet.slice(at));
  if (opening === null) {
    return undefined;
  }
  const index = Number(opening[1]);
  const bodyStart = at + opening[0].length;

  if (opening[2] === '}') {
    return { node: { kind: 'tabstop', index }, end: bodyStart };
  }
  if (opening[2] === ':') {
    const { nodes, end } = parseNodes(snippet, bodyStart, true);
    if (snippet[end] !== '}') {
      throw new Error(`Unclosed placeholder at ${at} in snippet ${JSON.stringify(snippet)}.`);
    }
    return { node: { kind: 'placeholder', index, children: nodes }, end: end + 1 };
  }
  return parseChoice(snippet, at, index, bodyStart);
}

function parseChoice(
  snippet: string,
  at: number,
  index: number,
  bodyStart: number,
): { node: SnippetNode; end: number } {
  const options: string[] = [];
  let option = '';
  let position = bodyStart;
  while (position < snippet.length) {
    const character = snippet[position];
    if (character === '\\' && ',|\\'.includes(snippet[position + 1] ?? '')) {
      option += snippet[position + 1];
      position += 2;
    } else if (character === ',') {
      options.push(option);
      option = '';
      position++;
    } else if (character === '|' && snippet[position + 1] === '}') {
      options.push(option);
      return { node: { kind: 'choice', index, options }, end: position + 2 };
    } else {
      option += character;
      position++;
    }
  }
  throw new Error(`Unclosed choice at ${at} in snippet ${JSON.stringify(snippet)}.`);
}

/** Records the first placeholder or choice of each index: mirrors take their value. */
function collectDefinitions(
  nodes: readonly SnippetNode[],
  definitions: Map<number, SnippetNode>,
): void {
  for (const node of nodes) {
    if ((node.kind === 'placeholder' || node.kind === 'choice') && !definitions.has(node.index)) {
      definitions.set(node.index, node);
    }
    if (node.kind === 'placeholder') {
      collectDefinitions(node.children, definitions);
    }
  }
}

function render(
  nodes: readonly SnippetNode[],
  definitions: ReadonlyMap<number, SnippetNode>,
  resolving: Set<number>,
): string {
  return nodes.map((node) => renderNode(node, definitions, resolving)).join('');
}

function renderNode(
  node: SnippetNode,
  definitions: ReadonlyMap<number, SnippetNode>,
  resolving: Set<number>,
): string {
  if (node.kind === 'text') {
    return node.text;
  }
  if (resolving.has(node.index)) {
    throw new Error(`Tab stop $${node.index} refers to itself.`);
  }
  const definition = definitions.get(node.index) ?? node;
  if (definition.kind === 'choice') {
    return definition.options[0];
  }
  if (definition.kind === 'placeholder') {
    resolving.add(node.index);
    const value = render(definition.children, definitions, resolving);
    resolving.delete(node.index);
    return value;
  }
  return '';
}
