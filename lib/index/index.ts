/** index methodology: see the modules of this folder. */
export {};
