import { useState } from 'react';
import type { FormEvent } from 'react';
import { parseTagFilter } from '../../inventory/url-state';

/** Tag conditions as removable chips; all must hold. Type `key` or `key:value`, then Enter. */
export function TagFilter({
  tags,
  onChange,
}: {
  tags: string[];
  onChange: (tags: string[]) => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseTagFilter(text);
    if (!parsed) {
      setError('Write a tag as key or key:value');
      return;
    }
    const normal = parsed.value === undefined ? parsed.key : `${parsed.key}:${parsed.value}`;
    setError(null);
    setText('');
    if (!tags.includes(normal)) onChange([...tags, normal]);
  };

  return (
    <div className="tag-filter">
      <form onSubmit={add} className="inline-form">
        <label>
          <span className="visually-hidden">Tag filter</span>
          <input
            aria-label="Tag filter"
            placeholder="tag key or key:value"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="submit">Add tag</button>
      </form>
      {error ? (
        <span className="inline-error" role="alert">
          {error}
        </span>
      ) : null}
      <ul className="chips" aria-label="Tag filters">
        {tags.map((tag) => (
          <li key={tag} className="chip">
            <span>{tag}</span>
            <button
              type="button"
              aria-label={`Remove tag filter ${tag}`}
              onClick={() => onChange(tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
