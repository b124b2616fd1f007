import type { AnalysedDocument } from '../document';
import type { AppContext, Hover, Position } from '../types';

export function hover(_document: AnalysedDocument, _position: Position, _app: AppContext): Hover | undefined {
  return undefined;
}
