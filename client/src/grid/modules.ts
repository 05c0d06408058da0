import {
  CellStyleModule,
  CheckboxEditorModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CustomEditorModule,
  CustomFilterModule,
  DateFilterModule,
  EventApiModule,
  HighlightChangesModule,
  InfiniteRowModelModule,
  LargeTextEditorModule,
  LocaleModule,
  ModuleRegistry,
  NumberEditorModule,
  NumberFilterModule,
  QuickFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  type Module,
} from 'ag-grid-community';

/**
 * The AG Grid features the app uses, registered once before the first grid (routes.tsx, with the
 * grid's own chunk). A feature whose module is missing silently does nothing (console error #200,
 * which fails the browser tests); development builds add AG Grid's validation, which names the
 * missing module. Not registered, since nothing uses them: column auto-size, drag and drop
 * (dndSource). The event API is for the filter chips, which follow filter changes from outside the grid.
 */
const modules: Module[] = [
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  InfiniteRowModelModule,
  TextEditorModule,
  NumberEditorModule,
  CheckboxEditorModule,
  SelectEditorModule,
  LargeTextEditorModule,
  CustomEditorModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CustomFilterModule,
  QuickFilterModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  RowSelectionModule,
  RowStyleModule,
  EventApiModule,
  CellStyleModule,
  HighlightChangesModule,
  TooltipModule,
  LocaleModule,
];

let registered = false;
export function registerGridModules() {
  if (registered) return;
  registered = true;
  ModuleRegistry.registerModules(import.meta.env.DEV ? [...modules, ValidationModule] : modules);
}
