/**
 * A folder drawn as SVG: an emoji folder needs a colour-emoji font, which headless browsers
 * and many servers lack, and then renders as an empty box.
 */
export function FolderIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="14"
      height="14"
      viewBox="0 0 16 16"
      data-testid="folder-icon"
      style={{ verticalAlign: '-2px', marginRight: 4 }}
    >
      <path
        d="M1.5 3.5a1 1 0 0 1 1-1h3.6l1.5 1.5h5.9a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z"
        fill="#e8b44c"
        stroke="#b8862a"
      />
    </svg>
  );
}
