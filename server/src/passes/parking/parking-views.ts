import { ParkingPassView, UploadView } from '@linli/shared';
import { clockView, detailsOf, LoadedPass, queuedPassBase } from '../pass-queue-rows';
import { ParkingDetails } from './parking-details';

/** A parking pass for its holder (phone in full) or staff (masked). */
export function parkingView(p: LoadedPass, insurance: UploadView | null, forHolder: boolean): ParkingPassView {
  const d = detailsOf<ParkingDetails>(p);
  return {
    ...queuedPassBase(p, forHolder),
    plate: p.plate ?? '',
    newEnergy: d.newEnergy,
    vehicle: d.vehicle,
    term: d.term,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    insuranceUntil: d.insuranceUntil,
    insurance,
    feeCents: d.feeCents,
    billLineId: p.billLineId,
    problems: d.problems ?? [],
    reviewNote: p.reviewNote,
    issuedAt: p.issuedAt?.toISOString() ?? null,
    renewedFrom: d.renewedFrom ?? null,
    clock: clockView(p.clock),
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}
