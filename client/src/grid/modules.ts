import {
  CellStyleModule,
  CheckboxEditorModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  CustomEditorModule,
  CustomFilterModule,
  DateFilterModule,
  DragAndDropModule,
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
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  type Module,
} from 'ag-grid-community';

/**
 * The AG Grid features the app uses, registered once at start-up. A feature whose module is
 * missing silently does nothing (console error #200); development builds add AG Grid's
 * validation, which names the missing module.
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
  ColumnAutoSizeModule,
  DragAndDropModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  EventApiModule,
  RowSelectionModule,
  CellStyleModule,
  HighlightChangesModule,
  TooltipModule,
  LocaleModule,
];

export function registerGridModules() {
  ModuleRegistry.registerModules(import.meta.env.DEV ? [...modules, ValidationModule] : modules);
}
