import type { FormEvent } from 'react';
import { classNames } from './class-names';

interface FilterFieldBase {
  name: string;
  label: string;
  /** Takes twice the width (free-text search). */
  wide?: boolean;
}

export interface TextFilterField extends FilterFieldBase {
  kind: 'text' | 'search';
  placeholder?: string;
}

export interface SelectFilterField extends FilterFieldBase {
  kind: 'select';
  options: Array<{ value: string; label: string }>;
  /** Label of the "no filter" option (value ''). */
  anyLabel?: string;
}

export interface DateFilterField extends FilterFieldBase {
  kind: 'date';
}

export type FilterField = TextFilterField | SelectFilterField | DateFilterField;
export type FilterValues = Record<string, string>;

export interface FilterBarProps {
  /** Names the search form, e.g. "Filter analyses". */
  label: string;
  fields: FilterField[];
  values: FilterValues;
  onChange: (values: FilterValues) => void;
  /** Apply (Enter or the Apply button); without it changes apply as they are made. */
  onSubmit?: (values: FilterValues) => void;
  onReset?: () => void;
}

/** A row of labelled filter inputs (text, select, date) over one values object. */
export function FilterBar({ label, fields, values, onChange, onSubmit, onReset }: FilterBarProps) {
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit?.(values);
  };
  return (
    <form className="mx-filter-bar" role="search" aria-label={label} onSubmit={submit}>
      {fields.map((field) => {
        const id = `mx-filter-${field.name}`;
        const value = values[field.name] ?? '';
        return (
          <div key={field.name} className={classNames('mx-field', field.wide && 'mx-field--wide')}>
            <label htmlFor={id}>{field.label}</label>
            {field.kind === 'select' ? (
              <select id={id} name={field.name} className="mx-select" value={value} onChange={(event) => set(field.name, event.target.value)}>
                <option value="">{field.anyLabel ?? 'Any'}</option>
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                name={field.name}
                className="mx-input"
                type={field.kind}
                value={value}
                placeholder={field.kind === 'date' ? undefined : field.placeholder}
                onChange={(event) => set(field.name, event.target.value)}
              />
            )}
          </div>
        );
      })}
      <div className="mx-filter-bar__actions">
        {onSubmit ? (
          <button type="submit" className="mx-button">
            Apply filters
          </button>
        ) : null}
        {onReset ? (
          <button type="button" className="mx-button mx-button--secondary" onClick={onReset}>
            Reset
          </button>
        ) : null}
      </div>
    </form>
  );
}
