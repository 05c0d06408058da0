import type { ColDef, ValueParserParams } from 'ag-grid-community';
import { readNumber, ValueError } from '../tables/rules';
import type { FieldSpec, Row } from '../tables/types';
import type { GridContext } from './context';

/** What a number cell's editor hands back when the typed text is not a number it takes. */
export class RefusedValue {
  constructor(
    readonly typed: string,
    readonly reason: string,
  ) {}
}

/**
 * Number cells edit as text and read it with the shared rules (full-width digits, bounds): a word
 * typed into one is refused with the reason and the old value stays, instead of the browser's
 * number input turning it into an empty value that then saved.
 */
export function numberEditor(f: FieldSpec): Partial<ColDef<Row>> {
  return {
    cellEditor: 'agTextCellEditor',
    cellEditorParams: { maxLength: 40 },
    valueParser: (p: ValueParserParams<Row, unknown>) => {
      const typed = p.newValue == null ? '' : String(p.newValue);
      const lang = (p.context as GridContext).lang;
      try {
        return readNumber(f, typed, lang);
      } catch (e) {
        if (e instanceof ValueError) return new RefusedValue(typed, e.message);
        throw e;
      }
    },
  };
}
