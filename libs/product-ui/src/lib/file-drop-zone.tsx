'use client';
import { useId, useState, type DragEvent } from 'react';
import { classNames } from './class-names';

export interface FileDropZoneProps {
  /** The file input's accessible name, e.g. "CSV file". */
  label: string;
  /** input accept, e.g. ".csv,text/csv". */
  accept?: string;
  hint?: string;
  disabled?: boolean;
  /** Bytes; a larger file is refused with onReject instead of being read. */
  maxBytes?: number;
  /** One file (the default). */
  onFile?: (file: File) => void;
  /** Let the person choose or drop several files at once; they arrive together in onFiles. */
  multiple?: boolean;
  onFiles?: (files: File[]) => void;
  onReject?: (message: string) => void;
}

/** Human size: 5242880 → "5 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * Click to choose or drop a file. The real <input type="file"> covers the zone (transparent), so
 * keyboard, screen readers and test drivers (setInputFiles) use it directly.
 */
export function FileDropZone({ label, accept, hint, disabled, maxBytes, onFile, multiple, onFiles, onReject }: FileDropZoneProps) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);

  const take = (list: FileList | null | undefined) => {
    const files = Array.from(list ?? []).slice(0, multiple ? undefined : 1);
    const accepted = files.filter((file) => {
      if (maxBytes === undefined || file.size <= maxBytes) return true;
      onReject?.(`${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`);
      return false;
    });
    if (!accepted.length) return;
    const bytes = accepted.reduce((sum, file) => sum + file.size, 0);
    setChosen(accepted.length === 1 ? `${accepted[0].name} (${formatBytes(bytes)})` : `${accepted.length} files (${formatBytes(bytes)})`);
    if (multiple) onFiles?.(accepted);
    else onFile?.(accepted[0]);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) take(event.dataTransfer.files);
  };

  return (
    <div
      className={classNames('mx-dropzone', dragging && 'mx-dropzone--active', disabled && 'mx-dropzone--disabled')}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <span className="mx-dropzone__title">{multiple ? 'Drop files here or click to choose' : 'Drop a file here or click to choose'}</span>
      <span className="mx-dropzone__hint">{hint ?? label}</span>
      {chosen ? <span className="mx-dropzone__file">Selected: {chosen}</span> : null}
      <label htmlFor={id} className="mx-visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        onChange={(event) => {
          take(event.target.files);
          // Let the same file be chosen again after a fix.
          event.target.value = '';
        }}
      />
    </div>
  );
}
