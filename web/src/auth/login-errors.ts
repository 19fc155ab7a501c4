import { CombinedGraphQLErrors, type ErrorLike } from '@apollo/client';

function waitText(seconds: number) {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The message for a failed login, chosen by the error's `extensions.code`. */
export function loginErrorMessage(error: ErrorLike, unauthenticated = 'Invalid email or password'): string {
  if (!CombinedGraphQLErrors.is(error)) return 'The server could not be reached. Check your connection and try again.';
  const [first] = error.errors;
  switch (first?.extensions?.code) {
    case 'UNAUTHENTICATED':
      return unauthenticated;
    case 'RATE_LIMITED': {
      const retryAfter = first.extensions?.retryAfterSeconds;
      return typeof retryAfter === 'number' && retryAfter > 0
        ? `Too many failed sign-in attempts. Please wait ${waitText(Math.ceil(retryAfter))} before trying again.`
        : 'Too many failed sign-in attempts. Please wait a few minutes before trying again.';
    }
    case 'BAD_USER_INPUT':
      return first.message;
    default:
      return `Sign-in failed: ${first?.message ?? 'unknown error'}`;
  }
}
