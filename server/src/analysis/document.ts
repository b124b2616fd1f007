import { buildModelIndex, ELEMENT_NAMES, type Dialect, type ModelIndex } from './model-index';
import { shiftDraft, type DraftDiagnostic } from './report';
import { forEachDescendant, scanXml, type XmlElement } from './scanner';
import { LineIndex } from './text';
import type { Span, TextChange } from './types';
import { checkWellFormed, type SyntaxProblem } from './wellformed';
import { parsesCleanly } from './wellformed-fast';

export type DocumentKind = Dialect | 'other';

/** A model's index plus what was found inside it, kept until an edit touches the model. */
export interface ModelEntry {
  index: ModelIndex;
  /** Well-formedness problems inside the model's element. */
  syntax: SyntaxProblem[];
  /** The model's own diagnostics, filled in by the first validation and then reused. */
  local: DraftDiagnostic[] | undefined;
}

/**
 * One version of a document: its text, the scanned tree, the model index and the syntax
 * problems. Built once per version and shared by every feature.
 */
export class AnalysedDocument {
  private lineIndex: LineIndex | undefined;

  private constructor(
    readonly text: string,
    readonly kind: DocumentKind,
    /** Top-level elements; a well-formed document has exactly one, the root. */
    readonly roots: XmlElement[],
    readonly models: ModelEntry[],
    /** Well-formedness problems outside every model. */
    readonly syntax: SyntaxProblem[],
    /** False when a DOCTYPE or namespace declaration makes a model unreadable on its own. */
    private readonly modelsStandAlone: boolean,
  ) {}

  static parse(text: string): AnalysedDocument {
    const scan = scanXml(text);
    const root = scan.roots[0];
    const kind = documentKind(root);
    const models = kind === 'other' ? [] : collectModels(root!, kind);
    const standAlone =
      !scan.hasDoctype && !root?.attributes.some((item) => item.name.startsWith('xmlns'));
    const document = new AnalysedDocument(text, kind, scan.roots, models, [], standAlone);
    if (kind !== 'other') {
      document.checkSyntax();
    }
    return document;
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  get root(): XmlElement | undefined {
    return this.roots[0];
  }

  /**
   * Returns the document after `changes`, re-reading only the model each change falls inside.
   * The models of this document are moved into the result, so this document must not be used
   * afterwards.
   */
  update(changes: readonly TextChange[]): AnalysedDocument {
    let text = this.text;
    let models = this.models;
    let syntax = this.syntax;
    let incremental = this.kind !== 'other' && this.modelsStandAlone;

    for (const change of changes) {
      const start = Math.max(0, Math.min(change.start, text.length));
      const end = Math.max(start, Math.min(change.end, text.length));
      text = text.slice(0, start) + change.text + text.slice(end);
      if (incremental) {
        const replaced = replaceModel(
          text,
          models,
          syntax,
          this.roots,
          start,
          end,
          change.text.length,
        );
        if (replaced === undefined) {
          incremental = false;
        } else {
          ({ models, syntax } = replaced);
        }
      }
    }
    if (!incremental) {
      return AnalysedDocument.parse(text);
    }
    return new AnalysedDocument(text, this.kind, this.roots, models, syntax, true);
  }

  /**
   * Checks each model on its own and the rest of the document with every model replaced by
   * an empty element. An incremental update re-checks just the edited model, so a full parse
   * must divide the work the same way to give the same problems for the same text. It also
   * reports a problem in every broken model, where one pass over the whole text stops at the
   * first. A DOCTYPE or namespace declaration can change how a model reads, so then the whole
   * text is checked at once.
   */
  private checkSyntax(): void {
    if (!this.modelsStandAlone) {
      this.assignSyntaxProblems(checkWellFormed(this.text));
      return;
    }
    // A well-formed document has well-formed models and frame, so one quick pass settles the
    // common case.
    if (parsesCleanly(this.text)) {
      return;
    }
    for (const entry of this.models) {
      entry.syntax = checkWellFormed(this.text, entry.index.element.start, entry.index.element.end);
    }
    this.syntax.push(...checkWellFormed(frameText(this.text, this.models)));
  }

  private assignSyntaxProblems(problems: SyntaxProblem[]): void {
    for (const problem of problems) {
      const owner = this.models.find(
        (entry) =>
          entry.index.element.start <= problem.span.start &&
          problem.span.end <= entry.index.element.end,
      );
      (owner === undefined ? this.syntax : owner.syntax).push(problem);
    }
  }
}

/**
 * Returns the text with each model replaced by `<m/>` and spaces. The length stays the same,
 * so offsets in the result are offsets in the text.
 */
function frameText(text: string, models: readonly ModelEntry[]): string {
  if (models.length === 0) {
    return text;
  }
  const parts: string[] = [];
  let at = 0;
  for (const entry of models) {
    const { start, end } = entry.index.element;
    parts.push(text.slice(at, start), PLACEHOLDER, ' '.repeat(end - start - PLACEHOLDER.length));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Stands in for a model in the frame text; every model element is longer than this. */
const PLACEHOLDER = '<m/>';

function documentKind(root: XmlElement | undefined): DocumentKind {
  if (root?.name === 'data-model') {
    return 'data-model';
  }
  if (root?.name === 'schema') {
    return 'schema';
  }
  return 'other';
}

function collectModels(root: XmlElement, dialect: Dialect): ModelEntry[] {
  const models: ModelEntry[] = [];
  const modelName = ELEMENT_NAMES[dialect].model;
  for (const child of root.children) {
    if (child.name === modelName) {
      models.push({ index: buildModelIndex(child, dialect), syntax: [], local: undefined });
    }
  }
  return models;
}

/**
 * Re-reads the one model that contains the edited span and moves everything after it.
 * Returns undefined when the edit is not inside a single model or leaves that model anything
 * but one closed element, so the caller parses the whole text instead.
 */
function replaceModel(
  text: string,
  models: ModelEntry[],
  syntax: SyntaxProblem[],
  roots: XmlElement[],
  start: number,
  end: number,
  insertedLength: number,
): { models: ModelEntry[]; syntax: SyntaxProblem[] } | undefined {
  const position = findModelAround(models, start, end);
  if (position === -1) {
    return undefined;
  }
  const old = models[position].index;
  const delta = insertedLength - (end - start);
  const newEnd = old.element.end + delta;

  const scan = scanXml(text, old.element.start, newEnd);
  const element = scan.roots[0];
  if (
    scan.roots.length !== 1 ||
    scan.hasDoctype ||
    element.name !== old.element.name ||
    !element.closed ||
    element.end !== newEnd
  ) {
    return undefined;
  }

  // Move what follows first, while the old model still marks the subtree to leave alone.
  shiftAfter(roots, old.element, old.element.end, delta);
  const parent = old.element.parent!;
  element.parent = parent;
  parent.children[parent.children.indexOf(old.element)] = element;

  const entry: ModelEntry = {
    index: buildModelIndex(element, old.dialect),
    syntax: checkWellFormed(text, element.start, element.end),
    local: undefined,
  };
  const updated = models.slice();
  updated[position] = entry;
  for (let later = position + 1; later < updated.length; later++) {
    const moved = updated[later];
    for (const problem of moved.syntax) {
      moveSpan(problem.span, delta);
    }
    for (const draft of moved.local ?? []) {
      shiftDraft(draft, delta);
    }
  }
  for (const problem of syntax) {
    if (problem.span.start >= old.element.end) {
      moveSpan(problem.span, delta);
    }
  }
  return { models: updated, syntax };
}

function findModelAround(models: ModelEntry[], start: number, end: number): number {
  let low = 0;
  let high = models.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const element = models[middle].index.element;
    if (end <= element.start) {
      high = middle - 1;
    } else if (start >= element.end) {
      low = middle + 1;
    } else {
      // The edit must leave the `<` that opens the model and the `>` that closes it alone.
      return element.start < start && end < element.end ? middle : -1;
    }
  }
  return -1;
}

/**
 * Moves every offset at or after `from` by `delta`, except inside the replaced model. Spans
 * are moved in place: nothing outside the document keeps them, because diagnostics copy
 * the spans they report.
 */
function shiftAfter(roots: XmlElement[], replaced: XmlElement, from: number, delta: number): void {
  if (delta === 0) {
    return;
  }
  const shiftOne = (element: XmlElement) => {
    if (element.start >= from) {
      element.start += delta;
      moveSpan(element.nameSpan, delta);
      element.startTagEnd += delta;
      for (const item of element.attributes) {
        moveSpan(item.nameSpan, delta);
        moveSpan(item.valueSpan, delta);
      }
    }
    if (element.end >= from) {
      element.end += delta;
      if (element.endTagNameSpan !== undefined) {
        moveSpan(element.endTagNameSpan, delta);
      }
    }
    for (const span of element.texts) {
      if (span.start >= from) {
        moveSpan(span, delta);
      }
    }
  };

  // Ancestors of the model end after it; only elements that end after it need a look.
  for (const root of roots) {
    if (root.end < from) {
      continue;
    }
    shiftOne(root);
    const stack = root.children.filter((child) => child.end >= from);
    while (stack.length > 0) {
      const element = stack.pop()!;
      if (element === replaced) {
        continue;
      }
      if (element.start >= from) {
        shiftOne(element);
        forEachDescendant(element, shiftOne);
      } else {
        shiftOne(element);
        for (const child of element.children) {
          if (child.end >= from) {
            stack.push(child);
          }
        }
      }
    }
  }
}

function moveSpan(span: Span, delta: number): void {
  span.start += delta;
  span.end += delta;
}
