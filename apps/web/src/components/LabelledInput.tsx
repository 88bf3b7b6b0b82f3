import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode } from 'react';

/**
 * A text input with the label that names it, side by side as a stacked form lays them out.
 * `onText` receives what was typed; every other input attribute is passed through.
 */
export function LabelledInput({
  label,
  onText,
  ...input
}: { label: ReactNode; onText: (text: string) => void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'onChange'
>) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} onChange={(event) => onText(event.target.value)} />
    </>
  );
}
