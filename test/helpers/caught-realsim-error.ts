import { RealsimError } from '../../src/core/realsim-error.js';

/** The RealsimError an action throws; any other error is rethrown, and success fails the test. */
export async function caught(action: () => Promise<unknown>): Promise<RealsimError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof RealsimError) return error;
    throw error;
  }
  throw new Error('expected a RealsimError, but the call succeeded');
}
