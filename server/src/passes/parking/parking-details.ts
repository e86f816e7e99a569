import { ParkingTerm, ParkingVehicle } from '@linli/shared';

/** What a parking pass keeps in details_json. */
export interface ParkingDetails {
  vehicle: ParkingVehicle;
  term: ParkingTerm;
  startsOn: string;
  endsOn: string;
  newEnergy: boolean;
  insuranceUploadId: number;
  insuranceUntil: string;
  feeCents: number;
  /** why the issue went to review */
  problems?: string[];
  renewedFrom?: number;
}

/** Bill lines of parking passes: the paid-lines hook claims them by this prefix. */
export const PARKING_SOURCE = 'parking:';
