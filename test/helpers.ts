import { ServicemaalError } from '../src/index.js';

/** Runs `fn` and returns the ServicemaalError it throws; fails when it throws nothing or another error. */
export function thrown(fn: () => unknown): ServicemaalError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServicemaalError) return error;
    throw error;
  }
  throw new Error('expected a ServicemaalError, but nothing was thrown');
}
