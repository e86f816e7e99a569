/** "2026-12-05 09:00" (Shanghai) → an instant with its offset; null when it is not in that shape. */
export const shanghaiInput = (s: string) => (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(s.trim()) ? `${s.trim().replace(' ', 'T')}:00+08:00` : null);
