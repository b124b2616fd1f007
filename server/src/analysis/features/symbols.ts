import type { AnalysedDocument } from '../document';
import type { DocumentSymbol } from '../types';

export function documentSymbols(_document: AnalysedDocument): DocumentSymbol[] {
  return [];
}
