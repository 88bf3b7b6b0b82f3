import type { ReactNode } from 'react';

/** One row to choose: its value, what its radio button is named by, and its other cells. */
export interface Choice {
  value: string;
  label: ReactNode;
  /** The one the resource has now: shown, marked `(current)`, and never choosable. */
  current: boolean;
  cells: ReactNode[];
}

/**
 * A table of radio buttons, one row per choice (a size, an instance): the first column is the
 * button with its label, so a screen reader names each button by it; the other columns say
 * what choosing it means. Every row is disabled while `disabled` holds.
 */
export function ChoiceTable({
  label,
  name,
  columns,
  rowTestId,
  choices,
  chosen,
  disabled,
  onChoose,
}: {
  /** The table's accessible name. */
  label: string;
  /** The radio group's name. */
  name: string;
  /** Column headers, the button's column first. */
  columns: string[];
  rowTestId: string;
  choices: Choice[];
  chosen: string;
  disabled: boolean;
  onChoose: (value: string) => void;
}) {
  return (
    <div className="table-wrap size-picker">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {choices.map((choice) => (
            <tr
              key={choice.value}
              data-testid={rowTestId}
              className={choice.current ? 'current' : undefined}
            >
              <td>
                <label>
                  <input
                    type="radio"
                    name={name}
                    value={choice.value}
                    checked={chosen === choice.value}
                    disabled={disabled || choice.current}
                    onChange={() => onChoose(choice.value)}
                  />{' '}
                  {choice.label}
                  {choice.current ? <span className="muted"> (current)</span> : null}
                </label>
              </td>
              {choice.cells.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
