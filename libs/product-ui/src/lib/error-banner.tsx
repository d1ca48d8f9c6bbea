import { ApiError, errorMessage } from './api-error';

export interface ErrorBannerProps {
  /** Nothing is rendered for null/undefined. */
  error: unknown;
  title?: string;
  onDismiss?: () => void;
}

/**
 * Shows what went wrong in words the person can act on: the API's own `{error}` message, its
 * code and detail lines (e.g. the CSV columns that do exist). role="alert" so it is announced.
 */
export function ErrorBanner({ error, title = 'Something went wrong', onDismiss }: ErrorBannerProps) {
  if (error === null || error === undefined || error === false) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const details = apiError?.detailLines ?? [];
  return (
    <div className="mx-error" role="alert">
      <div className="mx-error__body">
        <p className="mx-error__title">{title}</p>
        <p className="mx-error__message">
          {errorMessage(error)}
          {apiError && apiError.status > 0 ? (
            <span className="mx-error__code">
              {' '}
              (HTTP {apiError.status}
              {apiError.code ? `, ${apiError.code}` : ''})
            </span>
          ) : null}
        </p>
        {details.length > 0 ? (
          <ul className="mx-error__details">
            {details.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {onDismiss ? (
        <button type="button" className="mx-error__dismiss" aria-label="Dismiss error" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </div>
  );
}
