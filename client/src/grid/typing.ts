/** The user is typing somewhere (a field, an editor, a popup or a dialog): grid shortcuts stay out of the way. */
export const isTyping = (el: EventTarget | null) => el instanceof HTMLElement && !!el.closest('input, textarea, select, [contenteditable="true"], .ag-popup, .dialog');
