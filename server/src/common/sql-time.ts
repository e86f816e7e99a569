/** How the databases store datetime(3): UTC "YYYY-MM-DD HH:MM:SS.mmm"; as a parameter it compares right in both dialects. */
export const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
