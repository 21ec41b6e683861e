// Moved to ../support/deadline.ts (a generic helper, used far beyond queue/). This re-export keeps
// branches that are still in flight compiling; it goes away in the engine's file-move pass.
export { waitAtMost, withDeadline } from '../support/deadline.ts';
