/** features: In[18]-In[31] — factor-weighted features, macro/market alignment, labels, feature list. */
export * from "./align";
export * from "./factor-features";
export * from "./frame";
export * from "./labels";
export * from "./market-features";
export * from "./pipeline";
