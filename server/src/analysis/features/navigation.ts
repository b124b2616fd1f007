import type { AnalysedDocument } from '../document';
import type { DefinitionTarget, Position, Range, TextEdit } from '../types';

export function definition(_document: AnalysedDocument, _position: Position): DefinitionTarget[] {
  return [];
}

export function references(_document: AnalysedDocument, _position: Position, _includeDeclaration: boolean): Range[] {
  return [];
}

export function prepareRename(_document: AnalysedDocument, _position: Position): { range: Range; placeholder: string } | undefined {
  return undefined;
}

export function rename(_document: AnalysedDocument, _position: Position, _newName: string): TextEdit[] | { error: string } {
  return [];
}
