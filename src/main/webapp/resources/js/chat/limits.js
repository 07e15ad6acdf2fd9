/** The page's sizes and times, in one place (the server's own limits are in docs/protocol.md). */
export const PAGE = 50;
export const ONLINE_PAGE = 50;
export const WATCH_MAX = 500;             // the server's cap on watched users (docs/protocol.md)
export const ONLINE_REFRESH_MS = 60000;   // a long online list (one with more pages) is reloaded this often
export const GROUP_MS = 5 * 60 * 1000;    // one author's messages this close together are shown as one group
export const TOP_LOAD_PX = 150;           // older history loads when the reader scrolls this close to the top
export const JUMP_MAX = 3000;             // a reply's original or a search hit is looked for at most this far back
export const JUMP_PAGE = 200;             // the server's largest history page
export const HIGHLIGHT_MS = 2500;         // how long a message jumped to stays highlighted
export const CHANGES_HELD = 200;          // changes to messages not loaded (yet) that are kept for when they are
export const EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];
export const SUGGESTIONS = 8;             // people offered when typing @
export const MESSAGE_MAX = 4000;          // the server's longest message (problem.too-long), the composer's maxlength
export const COUNTER_FROM = 3500;         // the composer counts the characters left from this length on
export const COMPOSER_LINES = 12;         // the composer grows with its text up to this many lines (or 40% of the screen)
export const UNDO_MS = 5000;              // a deletion of one's own message waits this long for "Undo" before it is sent
export const DRAFT_SAVE_MS = 1000;         // a composer's draft is saved this long after typing stops (issue 22, item 6)
