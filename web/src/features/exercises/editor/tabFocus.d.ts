// Monaco's switch for what Tab does (its module ships without types): the state its
// "Toggle Tab Key Moves Focus" command (Ctrl+M, ⌃⇧M on Mac) flips, for every editor on the page.
declare module "monaco-editor/editor/browser/config/tabFocus" {
  export const TabFocus: {
    getTabFocusMode(): boolean;
    onDidChangeTabFocus(listener: (tabFocusMode: boolean) => void): { dispose(): void };
  };
}
