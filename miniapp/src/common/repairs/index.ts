/** Repair UI shared by the resident and staff apps. */
export { Countdown, useNow, type CountdownProps } from './Countdown';
export { StatusTag, TierTag } from './StatusTag';
export { Timeline, actorText, type TimelineProps } from './Timeline';
export { PhotoGrid, type PhotoGridProps, type PhotoItem } from './PhotoGrid';
export { ChargeTable, type ChargeTableProps, type ChargeTableLine } from './ChargeTable';
export { photoSrc, isApiPhoto } from './photos';
export { formatCents, lineAmountCents, sumCents } from './money';
export { formatShanghai, formatWindow, shanghaiInstant, shanghaiDay, shanghaiParts, dayLabel, type TimeFormat } from './time';
