import type { AnalysedDocument } from '../document';
import type {
  ConditionInfo,
  FieldInfo,
  ModelIndex,
  RelationshipInfo,
  WebhookInfo,
} from '../model-index';
import { attribute, type XmlElement } from '../scanner';
import type { DocumentSymbol, Span, SymbolKind } from '../types';
import { declarationSpan } from './navigation-targets';

/**
 * Builds the outline: each model with its fields, relationships and webhooks in document
 * order, and each webhook with its conditions. A symbol's range is its whole element and
 * its selection range is the `name` value, or the tag name when there is none.
 */
export function documentSymbols(document: AnalysedDocument): DocumentSymbol[] {
  const builder = new SymbolBuilder(document);
  return document.models.map((entry) => builder.model(entry.index));
}

class SymbolBuilder {
  constructor(private readonly document: AnalysedDocument) {}

  model(model: ModelIndex): DocumentSymbol {
    const members: { start: number; symbol: DocumentSymbol }[] = [
      ...model.fields.map((field) => ({ start: field.element.start, symbol: this.field(field) })),
      ...model.relationships.map((item) => ({
        start: item.element.start,
        symbol: this.relationship(model, item),
      })),
      ...model.webhooks.map((webhook) => ({
        start: webhook.element.start,
        symbol: this.webhook(webhook),
      })),
    ];
    members.sort((a, b) => a.start - b.start);
    return this.symbol(
      model.element,
      'model',
      model.name,
      model.label,
      members.map((member) => member.symbol),
    );
  }

  private field(field: FieldInfo): DocumentSymbol {
    return this.symbol(
      field.element,
      'field',
      field.name,
      field.type === '' ? undefined : field.type,
      [],
    );
  }

  private relationship(model: ModelIndex, relationship: RelationshipInfo): DocumentSymbol {
    const detail =
      relationship.model === undefined
        ? relationship.kind
        : `${relationship.kind} ${relationship.model}`;
    // A relationship without `name` is named after its model, so that value is its name.
    const selection = declarationSpan(model, relationship);
    return this.symbol(
      relationship.element,
      'relationship',
      relationship.name,
      detail,
      [],
      selection,
    );
  }

  private webhook(webhook: WebhookInfo): DocumentSymbol {
    const parts = [webhook.type ?? 'no type'];
    if (webhook.receiver !== undefined) {
      parts.push(
        webhook.action === undefined ? webhook.receiver : `${webhook.receiver} ${webhook.action}`,
      );
    }
    if (webhook.name === undefined) {
      parts.push('default name');
    }
    const conditions = webhook.conditions.map((condition) => this.condition(condition));
    return this.symbol(
      webhook.element,
      'webhook',
      webhook.effectiveName,
      parts.join(', '),
      conditions,
    );
  }

  private condition(condition: ConditionInfo): DocumentSymbol {
    const settings = ['required', 'embed', 'state']
      .map((name) => attribute(condition.element, name))
      .filter((item) => item !== undefined)
      .map((item) => `${item.name}=${item.value}`);
    const detail = settings.length === 0 ? undefined : settings.join(' ');
    return this.symbol(condition.element, 'condition', condition.name ?? '', detail, []);
  }

  /**
   * Makes one symbol. An element without a name is shown by its tag, as `<field>`, because
   * editors reject symbols with an empty name.
   */
  private symbol(
    element: XmlElement,
    kind: SymbolKind,
    name: string,
    detail: string | undefined,
    children: DocumentSymbol[],
    selection = nameSpanOf(element),
  ): DocumentSymbol {
    const lines = this.document.lines;
    const symbol: DocumentSymbol = {
      name: name === '' ? `<${element.name}>` : name,
      kind,
      range: lines.rangeOf({ start: element.start, end: element.end }),
      selectionRange: lines.rangeOf(selection),
      children,
    };
    if (detail !== undefined) {
      symbol.detail = detail;
    }
    return symbol;
  }
}

function nameSpanOf(element: XmlElement): Span {
  const item = attribute(element, 'name');
  return item === undefined || item.value === '' ? element.nameSpan : item.valueSpan;
}
