/** Whether a driver error is a unique-key violation (MariaDB/MySQL or SQLite). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? (e as { driverError?: { code?: string } }).driverError?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
