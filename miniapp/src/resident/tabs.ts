/** Tab bar positions (app.config.ts tabBar.list) for badges. */
export const TAB_ME = 2;
