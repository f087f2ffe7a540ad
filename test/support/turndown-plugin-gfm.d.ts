/** turndown-plugin-gfm 1.0.2 ships no types: the plugin the tests use (GFM tables, strikethrough …). */
declare module 'turndown-plugin-gfm' {
  import type TurndownService from 'turndown';

  export const gfm: TurndownService.Plugin;
}
