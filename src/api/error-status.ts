/**
 * The one table from error codes to HTTP statuses (only `api/` knows statuses), and the error
 * body every route returns.
 */
import type { ErrorCode, ThreatMeshError } from '../core/errors.js';

export const STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  USAGE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNTRUSTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTEGRITY: 422,
  INTERNAL: 500,
};

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly hint?: string;
    readonly location?: unknown;
  };
}

export function errorBody(e: ThreatMeshError): ErrorBody {
  return {
    error: {
      code: e.code,
      message: e.message,
      ...(e.hint !== undefined ? { hint: e.hint } : {}),
      ...(e.location !== undefined ? { location: e.location } : {}),
    },
  };
}
