import type { MeterReadingStatus } from '../fees/meter-readings';

/** One meter reading (抄表记录); readings, usages × 100. */
export interface MeterReadingView {
  id: number;
  communityId: number;
  roomId: number;
  roomLabel: string;
  feeItemId: number;
  itemName: string;
  meterUnit: string;
  period: string;
  readingE2: number;
  /** null: the meter's first reading (its start, nothing billed) */
  previousE2: number | null;
  usageE2: number;
  replaced: boolean;
  oldFinalE2: number | null;
  newStartE2: number | null;
  status: MeterReadingStatus;
  statusLabel: string;
  /** why it is held for review */
  holdReason: string | null;
  enteredByName: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  billLineId: number | null;
  version: number;
  updatedAt: string;
}

/** One room of a building's entry sheet: its latest earlier reading and this period's, if entered. */
export interface MeterSheetRoom {
  roomId: number;
  label: string;
  unitName: string;
  previous: { period: string; readingE2: number } | null;
  current: MeterReadingView | null;
}

/** GET /api/fees/meter-sheet: a building's rooms in order for one metered item and period. */
export interface MeterSheetView {
  communityId: number;
  buildingId: number;
  buildingName: string;
  feeItemId: number;
  itemName: string;
  meterUnit: string;
  period: string;
  rooms: MeterSheetRoom[];
}

/** POST /api/fees/meter-readings: enter (or, with `version`, correct before billing) one room's reading. */
export interface EnterMeterReadingRequest {
  roomId: number;
  feeItemId: number;
  period: string;
  /** e.g. "145.50" → 14550 */
  readingE2: number;
  replaced?: boolean;
  oldFinalE2?: number;
  newStartE2?: number;
  /** required to correct this period's existing reading */
  version?: number;
}

/** One bad row of a meter import. */
export interface MeterImportRowError {
  row: number;
  /** the column to fix, in the file's words (房号, 读数 …) or null for the whole row */
  column: string | null;
  message: string;
}

/** POST /api/fees/meter-imports: good rows are recorded (outliers held), bad rows reported row by row. */
export interface MeterImportReport {
  fileName: string;
  period: string;
  feeItemId: number;
  /** data rows in the file */
  total: number;
  recorded: number;
  held: number;
  errors: MeterImportRowError[];
}
