import { useEffect, useRef, useState } from 'react';
import { useDebounced } from '../../hooks/useDebounced';

export const SEARCH_DEBOUNCE_MS = 300;

/**
 * Free-text search, committed to the URL after typing pauses. When the URL changes from
 * elsewhere (Back, a link) the box follows it.
 */
export function SearchBox({ value, onCommit }: { value: string; onCommit: (q: string) => void }) {
  const [text, setText] = useState(value);
  const debounced = useDebounced(text, SEARCH_DEBOUNCE_MS);
  const committed = useRef(value);
  // The latest callback, so that only the typing itself commits: a page passes a new callback
  // whenever its view changes, and re-running the commit then (after Back, say) would put the
  // old text back into the URL.
  const commit = useRef(onCommit);

  useEffect(() => {
    commit.current = onCommit;
  }, [onCommit]);

  useEffect(() => {
    committed.current = value;
    setText(value);
  }, [value]);

  useEffect(() => {
    if (debounced === committed.current) return;
    committed.current = debounced;
    commit.current(debounced);
  }, [debounced]);

  // Leaving the box (a click on a result, Tab) commits at once: a commit still pending when the
  // user has already moved on would land after their navigation and undo it.
  const flush = () => {
    if (text === committed.current) return;
    committed.current = text;
    commit.current(text);
  };

  return (
    <label className="search">
      <span className="visually-hidden">Search</span>
      <input
        type="search"
        aria-label="Search"
        placeholder="Search name, id or tag value"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={flush}
        onKeyDown={(event) => {
          if (event.key === 'Enter') flush();
        }}
      />
    </label>
  );
}
