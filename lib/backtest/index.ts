/**
 * backtest: strategy returns from the model's predictions (article In[40]–In[43]) and the base
 * index joined by date (In[44]).
 */
export * from "./base-index";
export * from "./months";
export * from "./strategy-returns";
