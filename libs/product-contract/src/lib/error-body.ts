/** The JSON body of every error answer: a message a person can act on, a stable code, optional details. */
export interface ErrorBody {
  error: string;
  code: string;
  details?: unknown;
  requestId?: string;
}
