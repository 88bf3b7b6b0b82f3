import { useRef, useState } from 'react';
import type { DragEvent, ReactNode } from 'react';
import type { UploadState } from '../../storage/use-uploads';
import { formatBytes } from '../../storage/format';

/**
 * A drop target around the listing plus an Upload button with a file picker. Only files are
 * taken from a drop (a dragged folder or text is ignored); each becomes `prefix + file name`.
 */
export function UploadZone({
  enabled,
  onFiles,
  children,
}: {
  enabled: boolean;
  onFiles: (files: File[]) => void;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  const accepts = (event: DragEvent) => enabled && event.dataTransfer.types.includes('Files');
  return (
    <div
      className={over ? 'upload-zone over' : 'upload-zone'}
      data-testid="upload-zone"
      onDragOver={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        if (!enabled) return;
        event.preventDefault();
        const files = [...event.dataTransfer.files];
        if (files.length > 0) onFiles(files);
      }}
    >
      {over ? <div className="drop-hint">Drop files to upload them here</div> : null}
      {children}
    </div>
  );
}

export function UploadButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Upload
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to upload"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}

export function UploadList({ uploads, onClear }: { uploads: UploadState[]; onClear: () => void }) {
  if (uploads.length === 0) return null;
  return (
    <section className="panel uploads" aria-label="Uploads">
      <ul>
        {uploads.map((upload) => (
          <li key={upload.id} data-testid="upload-progress" data-status={upload.status}>
            <span className="upload-key">{upload.key}</span>{' '}
            <progress
              max={upload.total || 1}
              value={upload.status === 'done' ? upload.total || 1 : upload.sent}
              aria-label={`Upload of ${upload.key}`}
            />{' '}
            {upload.status === 'failed' ? (
              <span className="inline-error">failed: {upload.error}</span>
            ) : upload.status === 'done' ? (
              <span>done</span>
            ) : (
              <span>
                {formatBytes(upload.sent)} of {formatBytes(upload.total)}
              </span>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onClear}>
        Clear finished
      </button>
    </section>
  );
}
