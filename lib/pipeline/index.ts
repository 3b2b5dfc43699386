/** pipeline: the whole notebook-01 chain as one call (CLI and Corrections section). */
export {};
