/** The error of class `type` that `run` throws; fails the test if it throws nothing or something else. */
export function thrown<E extends Error>(run: () => unknown, type: new (...args: any[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}
