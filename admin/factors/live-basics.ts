/**
 * The backend client, the words and the busy flag of a section or dialog as its factor parts see
 * them: read at each use (getters), never copied, so a part always sees the section as it is now.
 * Shared by SectionBase.partHost() and the "Confirm it's you" dialog.
 */
import type { PageApi } from '../api.js';
import type { Terms } from '../terms.js';

export interface LiveBasics {
  readonly api: PageApi;
  readonly terms: Terms;
  readonly busy: boolean;
}

/** An object whose `api`, `terms` and `busy` read through to `read` at each use. */
export function liveBasics(read: {
  api: () => PageApi;
  terms: () => Terms;
  busy: () => boolean;
}): LiveBasics {
  return {
    get api() {
      return read.api();
    },
    get terms() {
      return read.terms();
    },
    get busy() {
      return read.busy();
    },
  };
}
